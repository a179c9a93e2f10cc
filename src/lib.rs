//! frontline turns dated reports of an armed conflict into a geocoded timeline: GeoJSON
//! map layers, SVG charts of events by front, and answers to "what happened here, then?".
//!
//! The data flows through the modules in this order:
//! [`format`] reads event files → [`text`] folds and tokenizes Arabic and Latin text →
//! [`event`] validates records and resolves anchored dates →
//! [`gazetteer`] and [`locate`] place them → [`front`] assigns fronts → [`dataset`] holds the result →
//! [`format::geojson_writer`] and [`chart`] write layers and charts, through [`output`].

pub mod basemap;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod dataset;
pub mod dedupe;
pub mod diagnostic;
pub mod event;
pub mod extract;
pub mod filter;
pub mod format;
pub mod front;
pub mod gazetteer;
pub mod import;
pub mod index;
pub mod locate;
pub mod output;
pub mod phase;
pub mod query;
pub mod scan;
pub mod temporal;
pub mod text;
