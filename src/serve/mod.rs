//! `frontline serve`: the events as OGC API – Features (Part 1: Core, GeoJSON, HTML and
//! OpenAPI 3.0 conformance classes) and an offline map with a time slider, from the same
//! select engine `query` uses.
//!
//! The inputs are classified and loaded once ([`service`]); a request is routed
//! ([`routes`]), its parameters checked and turned into `query`'s filter ([`params`]), the
//! engine selects a page from the loaded indexes, and the page is written as GeoJSON
//! ([`features`]) or HTML ([`html`]), with links between the resources ([`links`]). What
//! goes wrong is an OGC exception ([`exception`]). Connections and requests are bounded
//! ([`connection`]); the map is embedded in the binary ([`assets`]).

pub mod areas;
pub mod assets;
pub mod catalogue;
pub mod collections;
pub mod connection;
pub mod exception;
pub mod features;
pub mod html;
pub mod licence;
pub mod links;
pub mod negotiate;
pub mod openapi;
pub mod params;
pub mod routes;
pub mod service;

pub use service::{Config, Service};

use crate::error::{Error, FlagError};
use connection::Limits;
use std::net::SocketAddr;
use std::sync::Arc;

/// Loads the inputs, binds `addr` and serves until interrupted (Ctrl-C). `ready` is told
/// the address bound (port 0 picks a free one).
pub fn run(config: &Config, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let service = Arc::new(Service::load(config)?);
    let cores = crate::scan::num_workers();
    let limits = Limits::for_cores(cores);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(limits.requests * 2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::read(std::path::Path::new("<runtime>"), e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            FlagError::new(
                "--addr",
                &addr.to_string(),
                format!("an address this machine can listen on ({e})"),
            )
        })?;
        let bound = listener.local_addr().map_err(|e| {
            FlagError::new(
                "--addr",
                &addr.to_string(),
                format!("an address this machine can listen on ({e})"),
            )
        })?;
        let router = routes::router(routes::App {
            service,
            bound: Arc::from(bound.to_string()),
        });
        ready(bound);
        let stop = async {
            // Without a signal handler the server runs until it is killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        connection::accept(listener, connection::bounded(router, limits), limits, stop).await;
        Ok(())
    })
}
