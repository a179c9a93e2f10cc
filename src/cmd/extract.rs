//! `frontline extract FILE… --published T`: candidate events from news text.
