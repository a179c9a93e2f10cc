//! `frontline serve`: the events as OGC API – Features and an offline map, until Ctrl-C.

use super::Status;
use crate::error::Error;
use crate::serve::{self, Config};
use std::net::SocketAddr;
use std::path::PathBuf;

/// `frontline serve`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A data folder or an events file whose events are served row by row (the `events`
    /// collection); repeat for several [default: data, unless --aggregate is given].
    #[arg(long, action = clap::ArgAction::Append)]
    pub data: Vec<PathBuf>,
    /// An events file (or folder) published only as weekly counts of events and fatalities
    /// per front (the `weekly` collection), never as rows: for data whose terms forbid
    /// handing its rows on, such as an ACLED export; repeat for several.
    #[arg(long, action = clap::ArgAction::Append, value_name = "PATH")]
    pub aggregate: Vec<PathBuf>,
    /// The address to listen on. The default answers this machine only; an address such as
    /// 0.0.0.0:8080 answers the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Neither use nor keep the index cached beside large files.
    #[arg(long)]
    pub no_cache: bool,
}

/// Loads the inputs once, says where the service is, and serves until interrupted.
pub fn run(args: Args) -> Result<Status, Error> {
    let data = if args.data.is_empty() && args.aggregate.is_empty() {
        vec![PathBuf::from("data")]
    } else {
        args.data
    };
    let config = Config {
        data,
        aggregate: args.aggregate,
        cache: !args.no_cache,
        workers: crate::scan::num_workers(),
    };
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "frontline: note: serving on {}, which other machines can reach",
            args.addr
        );
    }
    serve::run(&config, args.addr, |bound| {
        eprintln!("frontline: serving http://{bound}/ (the map: http://{bound}/map); Ctrl-C stops");
    })?;
    Ok(Status::Done)
}
