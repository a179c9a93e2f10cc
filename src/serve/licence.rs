//! Where each collection's data comes from and under which terms, said in the API (a
//! `license` link and an `attribution` member on each collection) and on the pages.
//!
//! An input's dataset is told from its columns: an ACLED export has ACLED's own columns
//! (`disorder_type`, `inter1`, `timestamp`…), an imported UCDP GED or GDELT file keeps the
//! source's columns as `ucdp_*` or `gdelt_*`, and a data folder is frontline's own record.

use crate::select::Input;
use serde_json::{json, Value};

/// One source of a collection's data and its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// Who made the data, as they ask to be cited.
    pub title: &'static str,
    /// Where their terms are published, when they are.
    pub href: Option<&'static str>,
    /// The terms in a few words.
    pub terms: &'static str,
    /// Whether the terms forbid handing the rows on (so the input is served as aggregates).
    pub rows_forbidden: bool,
}

/// frontline's own record of the war (a data folder).
pub const FRONTLINE: Credit = Credit {
    title: "frontline's record of the 2019–2020 war for Tripoli: each event cites its reports (source, source_url)",
    href: None,
    terms: "the reports belong to their publishers; each event names them",
    rows_forbidden: false,
};

/// ACLED's exports.
pub const ACLED: Credit = Credit {
    title: "Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com",
    href: Some("https://acleddata.com/terms-of-use/"),
    terms: "ACLED's terms of use: cite ACLED; its rows may not be redistributed, so only counts are served",
    rows_forbidden: true,
};

/// UCDP GED, imported.
pub const UCDP: Credit = Credit {
    title: "UCDP Georeferenced Event Dataset, Uppsala Conflict Data Program",
    href: Some("https://ucdp.uu.se/downloads/"),
    terms: "CC BY 4.0: cite Sundberg & Melander (2013) and the dataset's version",
    rows_forbidden: false,
};

/// GDELT 2.0, imported.
pub const GDELT: Credit = Credit {
    title: "The GDELT Project (GDELT 2.0 event table)",
    href: Some("https://www.gdeltproject.org/about.html#termsofuse"),
    terms: "free and open: cite the GDELT Project",
    rows_forbidden: false,
};

/// A file of events from elsewhere.
pub const OTHER: Credit = Credit {
    title: "a file of events given to the server: each row names its sources (source)",
    href: None,
    terms: "as its maker set them",
    rows_forbidden: false,
};

/// The gazetteer places rows and names (`data/gazetteer/`).
pub const GEONAMES: Credit = Credit {
    title: "Contains data from GeoNames, geonames.org; places from OpenStreetMap (© OpenStreetMap contributors) and GDELT's place table",
    href: Some("https://creativecommons.org/licenses/by/4.0/"),
    terms: "GeoNames: CC BY 4.0; OpenStreetMap: ODbL",
    rows_forbidden: false,
};

/// The outlines and regions of the map (`data/basemap/`).
pub const NATURAL_EARTH: Credit = Credit {
    title: "Made with Natural Earth: country outlines and admin-1 regions",
    href: Some("https://www.naturalearthdata.com/about/terms-of-use/"),
    terms: "public domain",
    rows_forbidden: false,
};

/// The front areas (`data/fronts.geojson`).
pub const FRONT_AREAS: Credit = Credit {
    title: "frontline's front areas, drawn around gazetteer points",
    href: None,
    terms: "as frontline's data; the points they are drawn around are GeoNames' (CC BY 4.0)",
    rows_forbidden: false,
};

/// The credit of an input's events.
pub fn of_input(input: &Input) -> Credit {
    match input {
        Input::Folder(_) => FRONTLINE,
        Input::Rows(head) => of_columns(head.header.names()),
        // A file read whole: a CSV says by its header (JSON is frontline's own form).
        Input::File(path) => match crate::scan::head(path) {
            Ok(head)
                if !path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
            {
                of_columns(head.header.names())
            }
            _ => OTHER,
        },
    }
}

/// The credit a file's columns tell.
fn of_columns<S: std::ops::Deref<Target = str>>(names: &[S]) -> Credit {
    let has = |n: &str| names.iter().any(|h| &**h == n);
    let prefixed = |p: &str| names.iter().any(|h| h.starts_with(p));
    if ["disorder_type", "inter1", "interaction", "timestamp"]
        .iter()
        .any(|n| has(n))
    {
        ACLED
    } else if prefixed("ucdp_") {
        UCDP
    } else if prefixed("gdelt_") {
        GDELT
    } else {
        OTHER
    }
}

/// The credits of a collection as one line, for its `attribution` member and its page.
pub fn line(credits: &[Credit]) -> String {
    let mut seen: Vec<&Credit> = Vec::new();
    for c in credits {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.iter()
        .map(|c| format!("{} ({})", c.title, c.terms))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The `license` links of a collection (Part 1 §7.14.3 names the `license` relation).
pub fn links(credits: &[Credit]) -> Vec<Value> {
    let mut hrefs: Vec<&str> = Vec::new();
    let mut links = Vec::new();
    for c in credits {
        let Some(href) = c.href else { continue };
        if hrefs.contains(&href) {
            continue;
        }
        hrefs.push(href);
        links.push(json!({"href": href, "rel": "license", "type": "text/html", "title": c.terms}));
    }
    links
}
