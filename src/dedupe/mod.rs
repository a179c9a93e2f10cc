//! Reports of one event, found and merged without losing a source.
