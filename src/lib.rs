//! frontline turns dated reports of an armed conflict into a geocoded timeline: GeoJSON
//! map layers, SVG charts of events by front, and answers to "what happened here, then?".
//!
//! The modules below are listed in the order data flows through them (read → normalise →
//! resolve → select → write), each layer using only those above it in this list. The binary
//! (`src/main.rs`) parses the flags ([`cli`]) and hands each command to its [`cmd`] module.
#![warn(missing_docs)]

// What can go wrong, and where output goes: used by every layer.
pub mod diagnostic;
pub mod error;
pub mod output;

// Read: files into rows and records.
pub mod format;
pub mod import;
pub mod scan;

// Normalise: the one Arabic and Latin text layer (marks, folding, clitics, tokens).
pub mod text;

// Resolve: records into events, dated, placed, assigned to fronts, checked.
pub mod basemap;
pub mod dataset;
pub mod event;
pub mod front;
pub mod gazetteer;
pub mod locate;
pub mod phase;
pub mod plausibility;
// Control comes last in resolve: it places its changes through the gazetteer and fronts.
pub mod control;
pub mod temporal;

// Select: one filter model over an index, planned and run in one engine.
pub mod filter;
pub mod index;
pub mod select;

// Write: what selected events are handed to, the charts, and the server.
pub mod chart;
pub mod sink;
// The server last of the writers: it hands selections to the sinks.
pub mod serve;

// Beside the flow: reading the news, and merging reports of one event.
pub mod dedupe;
pub mod extract;

// The command line.
pub mod cli;
pub mod cmd;
