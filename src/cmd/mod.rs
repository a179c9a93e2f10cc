//! One module per subcommand, each with its flags (`Args`, clap derive) and its `run`
//! (xsv's layout), and the one exit-code policy they share.

pub mod build;
pub mod chart;
pub mod control;
pub mod date;
pub mod dedupe;
pub mod export;
pub mod extract;
pub mod geocode;
pub mod import;
pub mod query;
pub mod selection;
pub mod serve;
pub mod validate;

use crate::error::Error;
use std::io::Write;
use std::process::ExitCode;

/// How a command that did not fail ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It did what was asked: exit 0.
    Done,
    /// Nothing matched, where that means something (`query`, `geocode`): exit 1, as grep.
    NothingMatched,
}

/// The exit code for a command's result, with its error reported on standard error: 0
/// done, 1 nothing matched, 2 an error. A closed pipe (`frontline query | head`) is not an
/// error: the reader had what it wanted.
pub fn exit_code(result: Result<Status, Error>) -> ExitCode {
    match result {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::NothingMatched) => ExitCode::from(1),
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // With standard error gone too, nothing is left to tell; the code still says it.
            report(&e).unwrap_or(());
            ExitCode::from(2)
        }
    }
}

/// An error on standard error: each problem of the input on its line, then the summary.
fn report(e: &Error) -> std::io::Result<()> {
    let mut stderr = std::io::stderr().lock();
    if let Error::Invalid(problems) = e {
        for problem in problems {
            writeln!(stderr, "{problem}")?;
        }
    }
    writeln!(stderr, "frontline: {e}")
}
