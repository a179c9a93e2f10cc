//! The `frontline` binary: parse the flags, run the command, exit 0, 1 or 2.

use clap::Parser;
use frontline::cli::{Cli, Command};
use frontline::cmd;
use std::process::ExitCode;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Geocode(args) => cmd::geocode::run(args),
        Command::Date(args) => cmd::date::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Query(args) => cmd::query::run(args),
        Command::Chart(args) => cmd::chart::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Dedupe(args) => cmd::dedupe::run(args),
        Command::Control(args) => cmd::control::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    cmd::exit_code(result)
}

// Reading a million rows makes and frees millions of small strings; mimalloc does that
// several times faster than the system allocator and returns large buffers cheaply.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
