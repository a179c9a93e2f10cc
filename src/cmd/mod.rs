//! One module per subcommand, each with its own `run` (xsv's layout).

pub mod build;
pub mod chart;
pub mod date;
pub mod dedupe;
pub mod export;
pub mod extract;
pub mod geocode;
pub mod import;
pub mod query;
pub mod select;
pub mod validate;
