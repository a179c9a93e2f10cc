//! The `frontline` binary: parse flags, run the command, report, exit 0 / 1 / 2.

use clap::Parser;
use frontline::cli::{Cli, Command};
use frontline::dataset::DataPaths;
use frontline::diagnostic::Error;
use frontline::front::Fronts;
use frontline::gazetteer::Gazetteer;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Error::Invalid(problems)) => {
            let mut stderr = std::io::stderr().lock();
            for problem in &problems {
                let _ = writeln!(stderr, "{problem}");
            }
            let _ = writeln!(stderr, "frontline: {}", Error::Invalid(problems));
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("frontline: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build { data, out } => {
            let summary = frontline::cmd::build::run(&DataPaths::new(data), &out)?;
            eprintln!(
                "frontline: {} events; wrote {} files to {}",
                summary.events,
                summary.files.len(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { data } => {
            let events = frontline::cmd::validate::run(&DataPaths::new(data))?;
            eprintln!("frontline: {events} events, no problems");
            Ok(ExitCode::SUCCESS)
        }
        Command::Date {
            expression,
            published,
            lang,
            format,
        } => {
            print(&frontline::cmd::date::run(
                &expression,
                &published,
                lang,
                format,
            )?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            files,
            published,
            lang,
            format,
            output,
            data,
        } => {
            let paths = DataPaths::new(data);
            let text = frontline::cmd::extract::run(&files, &published, lang, format, &paths)?;
            match output {
                Some(path) => frontline::output::write_atomic(&path, text.as_bytes())?,
                None => print(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Query {
            select,
            format,
            output,
        } => {
            let (summary, line) = frontline::cmd::query::run(&select, format, output.as_deref())?;
            if !line.is_empty() {
                eprintln!("{line}");
            }
            // As grep: 0 with matches, 1 with none.
            Ok(if summary.selected > 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Chart {
            kind,
            select,
            interval,
            output,
            table,
            title,
        } => {
            let request = frontline::cmd::chart::Request {
                kind,
                interval,
                output: &output,
                table: table.as_deref(),
                title: title.as_deref(),
            };
            eprintln!("{}", frontline::cmd::chart::run(&select, &request)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            args,
            output,
            merge,
            merge_log,
        } => {
            let request = frontline::cmd::import::Request {
                args: &args,
                output: output.as_deref(),
                merge,
                merge_log: merge_log.as_deref(),
            };
            let summary = frontline::cmd::import::run(&request)?;
            eprint!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            select,
            output,
            title,
        } => {
            let line = frontline::cmd::export::run(format, &select, &output, title.as_deref())?;
            eprintln!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Dedupe {
            data,
            dry_run,
            log,
            undo,
        } => {
            let request = frontline::cmd::dedupe::Request {
                data: &data,
                dry_run,
                log: log.as_deref(),
                undo: undo.as_deref(),
            };
            print(&frontline::cmd::dedupe::run(&request)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Geocode {
            names,
            country,
            format,
            data,
        } => {
            let paths = DataPaths::new(data);
            let gazetteer = Gazetteer::load(&paths.gazetteer())?;
            let fronts = Fronts::load(&paths.fronts())?;
            let (text, all_found) = frontline::cmd::geocode::run(
                &gazetteer,
                &fronts,
                &names,
                country.as_deref(),
                format,
            );
            print(&text)?;
            Ok(if all_found {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(std::path::Path::new("<stdout>"), e))
        }
        _ => Ok(()),
    }
}

// Reading a million rows makes and frees millions of small strings; mimalloc does that
// several times faster than the system allocator and returns large buffers cheaply.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
