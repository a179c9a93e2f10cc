//! A small SVG writer shared by the charts.
