//! UCDP GED rows into frontline's columns.
//!
//! The rules follow the UCDP GED Codebook (version 23.1 and later: 49 columns, `id` to
//! `gwnob`); each rule names the codebook variable it reads. Version 19.1's 42 columns are
//! read too: the columns it lacks (`relid`, `where_description`, …) are optional.
//!
//! | GED column | frontline column | rule |
//! |---|---|---|
//! | `id` | `event_id_cnty` | `UCDP<id>` |
//! | `date_start`, `date_end` | `event_date` | the day, or `start/end` |
//! | `date_prec` | `time_precision` | [`DATE_PREC`], when the interval agrees |
//! | `type_of_violence` | `event_type`, `sub_event_type` | [`TYPE_OF_VIOLENCE`] |
//! | `side_a`, `side_b` | `actor1`, `actor2` | as written |
//! | `country`, `country_id` | `country`, `iso` | name as written; ISO from [`GW_TO_ISO`] |
//! | `adm_1` | `admin1` | as written |
//! | `where_coordinates` | `location` | else `where_description`, `adm_2`, `adm_1`, `country` |
//! | `latitude`, `longitude` | `latitude`, `longitude` | else `geom_wkt`'s `POINT (lon lat)` |
//! | `where_prec` | `geo_precision` | [`WHERE_PREC`] |
//! | `best`, `low`, `high` | `fatalities`, `fatalities_low`, `fatalities_high` | range only when `low <= best <= high` |
//! | `source_office`, `source_date` | `source`, `published` | `;`-lists, aligned by position |
//! | `source_article` | `notes` | else `source_headline` |
//! | every other column | `ucdp_<name>` | kept as written |

use super::{Mapping, Skip};
use crate::diagnostic::{Diagnostic, Origin};
use crate::event::date::TimePrecision;
use crate::event::geo_precision::GeoPrecision;
use crate::event::record::{Column, COLUMNS};
use crate::gazetteer::geocode::{country_code, country_name};
use chrono::NaiveDate;
use csv::StringRecord;
use std::path::Path;

/// `type_of_violence` → ACLED event type and sub-event type (codebook: `type_of_violence`).
///
/// UCDP's three types are coarser than ACLED's six: they say who fought whom, not how.
/// A state-based event may be an air strike or shelling, which ACLED codes as
/// Explosions/Remote violence, but GED does not record the weapon, so every battle is
/// ACLED's general "Armed clash"; the code itself is kept in `ucdp_type_of_violence`.
pub const TYPE_OF_VIOLENCE: [(&str, &str, &str, &str); 3] = [
    (
        "1",
        "Battles",
        "Armed clash",
        "state-based conflict: a government fights an organised armed group or another state",
    ),
    (
        "2",
        "Battles",
        "Armed clash",
        "non-state conflict: organised armed groups fight each other, no government side",
    ),
    (
        "3",
        "Violence against civilians",
        "Attack",
        "one-sided violence: a government or an organised group kills civilians",
    ),
];

/// `date_prec` → frontline's `time_precision` (codebook: `date_prec`).
pub const DATE_PREC: [(&str, TimePrecision, &str); 5] = [
    ("1", TimePrecision::Day, "the exact day is known"),
    (
        "2",
        TimePrecision::Days,
        "known within a span of 2 to 6 days",
    ),
    ("3", TimePrecision::Week, "only the week is known"),
    ("4", TimePrecision::Month, "only the month is known"),
    (
        "5",
        TimePrecision::Year,
        "known within more than a month, up to the year",
    ),
];

/// `where_prec` → frontline's `geo_precision` (codebook: `where_prec`).
///
/// Code 5 lies between a first-order division and the whole country (a part of a country
/// larger than an ADM1, a point between two places named, a line such as a river or a
/// border); frontline has no such level, so it takes the coarser one, `country`, rather
/// than claim a precision UCDP does not give. `ucdp_where_prec` keeps the code.
pub const WHERE_PREC: [(&str, GeoPrecision, &str); 7] = [
    ("1", GeoPrecision::Exact, "the exact place is known"),
    (
        "2",
        GeoPrecision::Near,
        "within about 25 km of a known place",
    ),
    (
        "3",
        GeoPrecision::Admin2,
        "a second-order division (district, municipality), its centroid",
    ),
    (
        "4",
        GeoPrecision::Admin1,
        "a first-order division (province), its centroid",
    ),
    (
        "5",
        GeoPrecision::Country,
        "larger than an ADM1 but not the whole country, or between two places",
    ),
    ("6", GeoPrecision::Country, "only the country, its centroid"),
    (
        "7",
        GeoPrecision::Water,
        "over water or in international airspace",
    ),
];

/// Gleditsch–Ward state numbers (GED's `country_id`) → ISO 3166-1 numeric codes, for
/// Libya, its neighbours and the wars the same foreign forces fought in; other countries
/// are found by name in the gazetteer's country table, else `iso` is left empty.
pub const GW_TO_ISO: [(u16, u16, &str); 11] = [
    (620, 434, "Libya"),
    (616, 788, "Tunisia"),
    (615, 12, "Algeria"),
    (436, 562, "Niger"),
    (483, 148, "Chad"),
    (625, 729, "Sudan"),
    (651, 818, "Egypt"),
    (432, 466, "Mali"),
    (652, 760, "Syria"),
    (645, 368, "Iraq"),
    (679, 887, "Yemen"),
];

/// Where the mapping says an event came from when GED names no outlet: rows coded before
/// 2014 leave `source_office` empty and cite only in `source_article` (codebook:
/// `number_of_sources`, -1 for those rows).
pub const FALLBACK_SOURCE: &str = "UCDP GED";

macro_rules! ged_columns {
    ($($variant:ident => $name:literal, required: $required:literal, carried: $carried:literal;)*) => {
        /// A GED column the mapping reads, in codebook order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Ged { $($variant),* }

        /// Each read column's name, whether a file must have it, and whether a frontline
        /// column carries it whole (else it is also kept as `ucdp_<name>`).
        const READ: [(&str, bool, bool); [$($name),*].len()] = [$(($name, $required, $carried)),*];
    };
}

ged_columns! {
    Id => "id", required: true, carried: true;
    TypeOfViolence => "type_of_violence", required: true, carried: false;
    SideA => "side_a", required: true, carried: true;
    SideB => "side_b", required: true, carried: true;
    SourceArticle => "source_article", required: false, carried: true;
    SourceOffice => "source_office", required: false, carried: true;
    SourceDate => "source_date", required: false, carried: false;
    SourceHeadline => "source_headline", required: false, carried: false;
    WherePrec => "where_prec", required: true, carried: false;
    WhereCoordinates => "where_coordinates", required: false, carried: false;
    WhereDescription => "where_description", required: false, carried: false;
    Adm1 => "adm_1", required: false, carried: true;
    Adm2 => "adm_2", required: false, carried: false;
    Latitude => "latitude", required: true, carried: true;
    Longitude => "longitude", required: true, carried: true;
    GeomWkt => "geom_wkt", required: false, carried: false;
    Country => "country", required: true, carried: true;
    CountryId => "country_id", required: false, carried: false;
    DatePrec => "date_prec", required: true, carried: false;
    DateStart => "date_start", required: true, carried: true;
    DateEnd => "date_end", required: true, carried: true;
    Best => "best", required: true, carried: true;
    High => "high", required: false, carried: false;
    Low => "low", required: false, carried: false;
}

/// UCDP GED's CSV: where its columns are, learnt from the header.
#[derive(Debug, Default)]
pub struct Ucdp {
    /// Position of each [`READ`] column in the file, if it has it.
    at: [Option<usize>; READ.len()],
    /// Positions of the columns kept as `ucdp_<name>`, in file order.
    extras: Vec<usize>,
}

impl Mapping for Ucdp {
    fn header(
        &mut self,
        source: Option<&StringRecord>,
        file: &Path,
    ) -> Result<Vec<String>, Diagnostic> {
        let origin = Origin::at(file, 1);
        let Some(source) = source else {
            return Err(Diagnostic::record(
                &origin,
                "a header line naming UCDP GED's columns (id, type_of_violence, …)",
            ));
        };
        let names: Vec<String> = source
            .iter()
            .map(|n| n.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        self.at = [None; READ.len()];
        for (slot, (name, _, _)) in self.at.iter_mut().zip(READ) {
            *slot = names.iter().position(|n| n == name);
        }
        let missing: Vec<&str> = READ
            .iter()
            .zip(self.at)
            .filter(|((_, required, _), at)| *required && at.is_none())
            .map(|((name, _, _), _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostic::record(
                &origin,
                format!(
                    "the UCDP GED columns {} (the header lacks them; is this a GED CSV?)",
                    missing.join(", ")
                ),
            ));
        }
        let carried = |i: usize| {
            READ.iter()
                .zip(self.at)
                .any(|((_, _, whole), at)| *whole && at == Some(i))
        };
        self.extras = (0..names.len()).filter(|&i| !carried(i)).collect();
        let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        header.extend(self.extras.iter().map(|&i| match names[i].as_str() {
            "" => format!("ucdp_column_{}", i + 1),
            name => format!("ucdp_{name}"),
        }));
        Ok(header)
    }

    fn map(
        &self,
        row: &StringRecord,
        origin: &Origin,
        out: &mut Vec<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Skip> {
        out.clear();
        out.resize(COLUMNS.len() + self.extras.len(), String::new());
        let get = |c: Ged| self.get(row, c);
        let mut bad = |c: Ged, value: &str, expected: &str| {
            problems.push(self.problem(origin, c, value, expected));
        };
        let mut set = |c: Column, value: String| out[c as usize] = value;

        // id: UCDP's event number, unique within a GED version.
        let id = get(Ged::Id);
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            bad(Ged::Id, id, "UCDP's event number, digits only");
        }
        set(Column::EventIdCnty, format!("UCDP{id}"));

        // date_start, date_end, date_prec (codebook: date_start, date_end, date_prec).
        let (start, end) = (get(Ged::DateStart), get(Ged::DateEnd));
        const DAY: &str = "a day YYYY-MM-DD (GED writes 2019-04-04 or 2019-04-04 00:00:00.000)";
        let first = ged_day(start);
        let last = ged_day(end);
        if first.is_none() {
            bad(Ged::DateStart, start, DAY);
        }
        if last.is_none() {
            bad(Ged::DateEnd, end, DAY);
        }
        let prec_text = get(Ged::DatePrec);
        let prec = DATE_PREC
            .iter()
            .find(|(code, _, _)| *code == prec_text)
            .map(|(_, p, _)| *p);
        if prec.is_none() {
            bad(
                Ged::DatePrec,
                prec_text,
                "1 to 5 (codebook: 1 day, 2 a span of 2-6 days, 3 week, 4 month, 5 year)",
            );
        }
        if let (Some(first), Some(last)) = (first, last) {
            if last < first {
                bad(Ged::DateEnd, end, "a day on or after date_start");
            } else if first == last {
                set(Column::EventDate, first.to_string());
                set(Column::TimePrecision, prec.map(as_text).unwrap_or_default());
            } else {
                set(Column::EventDate, format!("{first}/{last}"));
                // An interval's precision is its length (`record::parse` checks that they
                // agree); where GED's code says otherwise the interval stands and
                // `ucdp_date_prec` keeps the code.
                let span = TimePrecision::for_span((last - first).num_days() + 1);
                if prec == Some(span) {
                    set(Column::TimePrecision, span.as_str().to_string());
                }
            }
        }

        // type_of_violence (codebook: type_of_violence).
        let violence = get(Ged::TypeOfViolence);
        match TYPE_OF_VIOLENCE.iter().find(|(code, ..)| *code == violence) {
            Some((_, event_type, sub_event_type, _)) => {
                set(Column::EventType, event_type.to_string());
                set(Column::SubEventType, sub_event_type.to_string());
            }
            None => bad(
                Ged::TypeOfViolence,
                violence,
                "1 (state-based), 2 (non-state) or 3 (one-sided violence)",
            ),
        }

        // side_a, side_b (codebook: side_a, side_b): the dyad, side A the government in
        // state-based conflict; side B is "Civilians" in one-sided violence.
        let side_a = get(Ged::SideA);
        if side_a.is_empty() {
            bad(Ged::SideA, side_a, "the name of side A");
        }
        set(Column::Actor1, side_a.to_string());
        set(Column::Actor2, get(Ged::SideB).to_string());

        // country, country_id (codebook: country, country_id: a Gleditsch-Ward number).
        let country = get(Ged::Country);
        if country.is_empty() {
            bad(Ged::Country, country, "the country the event took place in");
        }
        set(Column::Country, country.to_string());
        let gw_text = get(Ged::CountryId);
        let gw = gw_text.parse::<u16>().ok();
        if gw.is_none() && !gw_text.is_empty() {
            bad(
                Ged::CountryId,
                gw_text,
                "a Gleditsch-Ward country number, e.g. 620 for Libya",
            );
        }
        let iso = gw
            .and_then(|gw| GW_TO_ISO.iter().find(|(g, _, _)| *g == gw))
            .map(|(_, iso, _)| *iso)
            .or_else(|| {
                country_code(country)
                    .and_then(country_name)
                    .map(|(_, iso)| iso)
            });
        set(Column::Iso, iso.map(|n| n.to_string()).unwrap_or_default());
        set(Column::Admin1, get(Ged::Adm1).to_string());

        // where_coordinates names the place the coordinates stand for; the others describe
        // it less and less precisely.
        let location = [
            Ged::WhereCoordinates,
            Ged::WhereDescription,
            Ged::Adm2,
            Ged::Adm1,
            Ged::Country,
        ]
        .into_iter()
        .map(get)
        .find(|v| !v.is_empty())
        .unwrap_or_default();
        set(Column::Location, place_name(location).to_string());

        // latitude, longitude, else geom_wkt (codebook: geom_wkt, `POINT (lon lat)`: WKT
        // puts the longitude first; the CSV columns are latitude, then longitude).
        let (lat, lon) = (get(Ged::Latitude), get(Ged::Longitude));
        if lat.is_empty() && lon.is_empty() {
            let wkt = get(Ged::GeomWkt);
            if !wkt.is_empty() {
                match wkt_point(wkt) {
                    Some((lon, lat)) => {
                        set(Column::Latitude, lat.to_string());
                        set(Column::Longitude, lon.to_string());
                    }
                    None => bad(
                        Ged::GeomWkt,
                        wkt,
                        "a point POINT (longitude latitude) in decimal degrees",
                    ),
                }
            }
        } else {
            if !in_range(lat, 90.0) {
                bad(Ged::Latitude, lat, "decimal degrees between -90 and 90");
            }
            if !in_range(lon, 180.0) {
                bad(Ged::Longitude, lon, "decimal degrees between -180 and 180");
            }
            set(Column::Latitude, lat.to_string());
            set(Column::Longitude, lon.to_string());
        }

        // where_prec (codebook: where_prec).
        let where_text = get(Ged::WherePrec);
        match WHERE_PREC.iter().find(|(code, _, _)| *code == where_text) {
            Some((_, precision, _)) => set(Column::GeoPrecision, precision.as_str().to_string()),
            None => bad(
                Ged::WherePrec,
                where_text,
                "1 to 7 (codebook: 1 exact, 2 within 25 km, 3 ADM2, 4 ADM1, 5 larger, 6 country, 7 water)",
            ),
        }

        // best, low, high (codebook: best, low, high). GED's range does not always hold its
        // best estimate (the codebook allows `high` below `best` when a clarity-2 event had
        // known events taken out of it); frontline's does, so such a range is left out of
        // fatalities_low/high and kept in ucdp_low/ucdp_high.
        let mut count = |c: Ged| {
            let text = get(c);
            if text.is_empty() {
                return None;
            }
            let parsed = text.parse::<u32>().ok();
            if parsed.is_none() {
                bad(c, text, "a whole number of deaths, 0 or more");
            }
            parsed
        };
        let (best, low, high) = (count(Ged::Best), count(Ged::Low), count(Ged::High));
        let ordered = |a: Option<u32>, b: Option<u32>| a.zip(b).is_none_or(|(a, b)| a <= b);
        set(
            Column::Fatalities,
            best.map(|n| n.to_string()).unwrap_or_default(),
        );
        if ordered(low, best) && ordered(best, high) && ordered(low, high) {
            set(
                Column::FatalitiesLow,
                low.map(|n| n.to_string()).unwrap_or_default(),
            );
            set(
                Column::FatalitiesHigh,
                high.map(|n| n.to_string()).unwrap_or_default(),
            );
        }

        // source_office, source_date (codebook: source_office, source_date): one item per
        // article, aligned by position.
        let (offices, days) = sources(get(Ged::SourceOffice), get(Ged::SourceDate));
        if offices.is_empty() {
            set(Column::Source, FALLBACK_SOURCE.to_string());
        } else {
            set(Column::Source, offices.join(";"));
            set(Column::Published, days.join(";"));
        }

        // source_article (codebook: source_article), else source_headline.
        let notes = Some(get(Ged::SourceArticle))
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| get(Ged::SourceHeadline));
        set(Column::Notes, notes.to_string());

        for (slot, &i) in out[COLUMNS.len()..].iter_mut().zip(&self.extras) {
            *slot = row.get(i).unwrap_or("").to_string();
        }
        Ok(())
    }
}

impl Ucdp {
    /// The trimmed value of a read column, empty when the file lacks it.
    fn get<'r>(&self, row: &'r StringRecord, column: Ged) -> &'r str {
        self.at[column as usize]
            .and_then(|i| row.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    /// A problem with a GED column's value, naming the column and its 1-based position.
    fn problem(&self, origin: &Origin, column: Ged, value: &str, expected: &str) -> Diagnostic {
        let problem = Diagnostic::field(origin, READ[column as usize].0, value, expected);
        match self.at[column as usize] {
            Some(i) => problem.in_column(format!("column {}", i + 1)),
            None => problem,
        }
    }
}

/// A place as GED names it, without the kind of place GED adds to the name ("Ain Zara
/// town", "Abu Qurain village"), so it reads as ACLED and the gazetteer name it; the name
/// as written is kept in `ucdp_where_coordinates`.
fn place_name(text: &str) -> &str {
    for kind in [" town", " village", " city"] {
        let cut = text.len().saturating_sub(kind.len());
        if text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(kind) && cut > 0 {
            return text[..cut].trim_end();
        }
    }
    text
}

fn as_text(precision: TimePrecision) -> String {
    precision.as_str().to_string()
}

/// A GED day: `2019-04-04`, or with the time GED appends since version 20.1
/// (`2019-04-04 00:00:00.000`).
fn ged_day(text: &str) -> Option<NaiveDate> {
    let day = text.split([' ', 'T']).next().unwrap_or("");
    if day.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// `POINT (lon lat)` → its two numbers as written, longitude first as WKT has them.
fn wkt_point(wkt: &str) -> Option<(&str, &str)> {
    let body = wkt
        .strip_prefix("POINT")
        .or_else(|| wkt.strip_prefix("point"))?
        .trim()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut numbers = body.split_whitespace();
    let (lon, lat) = (numbers.next()?, numbers.next()?);
    (numbers.next().is_none() && in_range(lon, 180.0) && in_range(lat, 90.0)).then_some((lon, lat))
}

/// Whether a text is a number of degrees within ±`limit`.
fn in_range(text: &str, limit: f64) -> bool {
    text.parse::<f64>()
        .is_ok_and(|v| (-limit..=limit).contains(&v))
}

/// The outlets of `source_office` and, when `source_date` has one day per outlet, their
/// days; empty outlets are dropped with their days.
fn sources(offices: &str, dates: &str) -> (Vec<String>, Vec<String>) {
    let names: Vec<&str> = offices.split(';').map(str::trim).collect();
    let days: Vec<Option<NaiveDate>> = dates.split(';').map(|d| ged_day(d.trim())).collect();
    let aligned = days.len() == names.len() && days.iter().all(Option::is_some);
    let mut kept = (Vec::new(), Vec::new());
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        kept.0.push(name.to_string());
        if aligned {
            kept.1
                .push(days[i].map(|d| d.to_string()).unwrap_or_default());
        }
    }
    (kept.0, kept.1)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::event::record::{self, RawRecord};
    use std::sync::Arc;

    /// GED 23.1's header, in codebook order.
    const HEADER: &str = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    fn record(line: &str) -> StringRecord {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        reader.records().next().unwrap().unwrap()
    }

    /// A GED row with the fields named in `changes` replaced.
    fn row(changes: &[(&str, &str)]) -> String {
        let base = [
            ("id", "289001"),
            ("relid", "LBY-2019-1-11346-27"),
            ("year", "2019"),
            ("active_year", "true"),
            ("code_status", "Clear"),
            ("type_of_violence", "1"),
            ("conflict_dset_id", "11346"),
            ("conflict_new_id", "11346"),
            ("conflict_name", "Libya: Government"),
            ("dyad_dset_id", "13601"),
            ("dyad_new_id", "13601"),
            (
                "dyad_name",
                "Government of Libya - Forces of the House of Representatives",
            ),
            ("side_a_dset_id", "145"),
            ("side_a_new_id", "145"),
            ("side_a", "Government of Libya"),
            ("side_b_dset_id", "6223"),
            ("side_b_new_id", "6223"),
            ("side_b", "Forces of the House of Representatives"),
            ("number_of_sources", "2"),
            (
                "source_article",
                "\"Reuters News,2019-04-21,Fighting rages in Tripoli's Ain Zara\"",
            ),
            ("source_office", "Reuters News;Agence France Presse"),
            ("source_date", "2019-04-21;2019-04-21"),
            (
                "source_headline",
                "Fighting rages in Tripoli's Ain Zara;Clashes south of Tripoli",
            ),
            ("source_original", "GNA spokesman"),
            ("where_prec", "1"),
            ("where_coordinates", "Ain Zara town"),
            ("where_description", "Ain Zara, south of Tripoli"),
            ("adm_1", "Tripoli district"),
            ("adm_2", ""),
            ("latitude", "32.8133"),
            ("longitude", "13.2697"),
            ("geom_wkt", "POINT (13.2697 32.8133)"),
            ("priogrid_gid", "177147"),
            ("country", "Libya"),
            ("country_id", "620"),
            ("region", "Africa"),
            ("event_clarity", "1"),
            ("date_prec", "1"),
            ("date_start", "2019-04-20 00:00:00.000"),
            ("date_end", "2019-04-20 00:00:00.000"),
            ("deaths_a", "2"),
            ("deaths_b", "3"),
            ("deaths_civilians", "0"),
            ("deaths_unknown", "0"),
            ("best", "5"),
            ("high", "7"),
            ("low", "4"),
            ("gwnoa", "620"),
            ("gwnob", ""),
        ];
        base.iter()
            .map(|(k, v)| changes.iter().find(|(c, _)| c == k).map_or(*v, |(_, n)| *n))
            .map(|v| {
                if v.contains(',') && !v.starts_with('"') {
                    format!("\"{v}\"")
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Maps one row; the mapped values by column name, and the problems.
    fn map(changes: &[(&str, &str)]) -> (Vec<(String, String)>, Vec<Diagnostic>) {
        let mut ucdp = Ucdp::default();
        let header = ucdp
            .header(Some(&record(HEADER)), Path::new("ged.csv"))
            .unwrap();
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let origin = Origin::at(Path::new("ged.csv"), 2);
        ucdp.map(&record(&row(changes)), &origin, &mut out, &mut problems)
            .unwrap();
        assert_eq!(out.len(), header.len());
        (header.into_iter().zip(out).collect(), problems)
    }

    fn value<'a>(mapped: &'a [(String, String)], name: &str) -> &'a str {
        mapped
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    #[test]
    fn a_row_maps_to_frontline_columns_and_keeps_the_rest() {
        let (mapped, problems) = map(&[]);
        assert!(problems.is_empty(), "{problems:?}");
        let frontline: Vec<(&str, &str)> = mapped[..COLUMNS.len()]
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        assert_eq!(
            frontline,
            [
                ("event_id_cnty", "UCDP289001"),
                ("event_date", "2019-04-20"),
                ("time_precision", "day"),
                ("event_type", "Battles"),
                ("sub_event_type", "Armed clash"),
                ("actor1", "Government of Libya"),
                ("actor2", "Forces of the House of Representatives"),
                ("country", "Libya"),
                ("iso", "434"),
                ("admin1", "Tripoli district"),
                ("location", "Ain Zara"),
                ("latitude", "32.8133"),
                ("longitude", "13.2697"),
                ("geo_precision", "exact"),
                ("fatalities", "5"),
                ("fatalities_low", "4"),
                ("fatalities_high", "7"),
                ("source", "Reuters News;Agence France Presse"),
                ("published", "2019-04-21;2019-04-21"),
                (
                    "notes",
                    "Reuters News,2019-04-21,Fighting rages in Tripoli's Ain Zara"
                ),
            ]
        );
        let extras: Vec<&str> = mapped[COLUMNS.len()..]
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            extras,
            [
                "ucdp_relid",
                "ucdp_year",
                "ucdp_active_year",
                "ucdp_code_status",
                "ucdp_type_of_violence",
                "ucdp_conflict_dset_id",
                "ucdp_conflict_new_id",
                "ucdp_conflict_name",
                "ucdp_dyad_dset_id",
                "ucdp_dyad_new_id",
                "ucdp_dyad_name",
                "ucdp_side_a_dset_id",
                "ucdp_side_a_new_id",
                "ucdp_side_b_dset_id",
                "ucdp_side_b_new_id",
                "ucdp_number_of_sources",
                "ucdp_source_date",
                "ucdp_source_headline",
                "ucdp_source_original",
                "ucdp_where_prec",
                "ucdp_where_coordinates",
                "ucdp_where_description",
                "ucdp_adm_2",
                "ucdp_geom_wkt",
                "ucdp_priogrid_gid",
                "ucdp_country_id",
                "ucdp_region",
                "ucdp_event_clarity",
                "ucdp_date_prec",
                "ucdp_deaths_a",
                "ucdp_deaths_b",
                "ucdp_deaths_civilians",
                "ucdp_deaths_unknown",
                "ucdp_high",
                "ucdp_low",
                "ucdp_gwnoa",
                "ucdp_gwnob",
            ]
        );
        assert_eq!(value(&mapped, "ucdp_priogrid_gid"), "177147");
    }

    /// The mapped row through the checks every events file's rows go through.
    pub(crate) fn parsed(mapped: &[(String, String)]) -> record::Draft {
        let raw = RawRecord {
            origin: Origin::at(Path::new("ged.csv"), 2),
            header: Arc::new(record::Header::new(mapped.iter().map(|(n, _)| n.as_str()))),
            values: mapped.iter().map(|(_, v)| v.as_str()).collect(),
        };
        let mut problems = Vec::new();
        let draft = record::parse(&raw, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        draft.unwrap()
    }

    #[test]
    fn the_mapped_row_passes_the_event_checks() {
        let (mapped, _) = map(&[]);
        let draft = parsed(&mapped);
        assert_eq!(draft.event.sources.len(), 2);
        assert_eq!(draft.event.geo_precision, GeoPrecision::Exact);
    }

    #[test]
    fn date_prec_and_the_interval_give_event_date_and_time_precision() {
        // (date_prec, date_start, date_end) → (event_date, time_precision)
        let cases = [
            ("1", "2019-04-20", "2019-04-20", "2019-04-20", "day"),
            (
                "2",
                "2019-04-05",
                "2019-04-08",
                "2019-04-05/2019-04-08",
                "days",
            ),
            (
                "3",
                "2019-05-06",
                "2019-05-12",
                "2019-05-06/2019-05-12",
                "week",
            ),
            (
                "4",
                "2019-06-01 00:00:00.000",
                "2019-06-30 00:00:00.000",
                "2019-06-01/2019-06-30",
                "month",
            ),
            (
                "5",
                "2019-01-01",
                "2019-12-31",
                "2019-01-01/2019-12-31",
                "year",
            ),
            // A single day coded as a month: the month holding it (record::parse widens).
            ("4", "2019-06-15", "2019-06-15", "2019-06-15", "month"),
            // A 10-day span coded as a month: the interval's own precision stands.
            ("4", "2019-06-01", "2019-06-10", "2019-06-01/2019-06-10", ""),
            // Three exactly known days of fighting.
            ("1", "2019-04-05", "2019-04-07", "2019-04-05/2019-04-07", ""),
        ];
        for (prec, start, end, event_date, time_precision) in cases {
            let (mapped, problems) = map(&[
                ("date_prec", prec),
                ("date_start", start),
                ("date_end", end),
            ]);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(value(&mapped, "event_date"), event_date, "{prec} {start}");
            assert_eq!(
                value(&mapped, "time_precision"),
                time_precision,
                "{prec} {start}"
            );
            assert_eq!(value(&mapped, "ucdp_date_prec"), prec);
            parsed(&mapped);
        }
    }

    #[test]
    fn where_prec_and_type_of_violence_follow_their_tables() {
        for (code, precision, _) in WHERE_PREC {
            let (mapped, problems) = map(&[("where_prec", code)]);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(value(&mapped, "geo_precision"), precision.as_str());
            assert_eq!(parsed(&mapped).event.geo_precision, precision);
        }
        for (code, event_type, sub, _) in TYPE_OF_VIOLENCE {
            let (mapped, _) = map(&[("type_of_violence", code)]);
            assert_eq!(value(&mapped, "event_type"), event_type);
            assert_eq!(value(&mapped, "sub_event_type"), sub);
        }
    }

    #[test]
    fn geom_wkt_gives_the_point_when_latitude_and_longitude_are_empty() {
        let (mapped, problems) = map(&[
            ("latitude", ""),
            ("longitude", ""),
            ("geom_wkt", "POINT (13.91839 25.91552)"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(value(&mapped, "latitude"), "25.91552");
        assert_eq!(value(&mapped, "longitude"), "13.91839");
    }

    #[test]
    fn a_range_that_does_not_hold_best_is_left_to_the_extras() {
        let (mapped, problems) = map(&[("best", "12"), ("low", "10"), ("high", "11")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(value(&mapped, "fatalities"), "12");
        assert_eq!(value(&mapped, "fatalities_low"), "");
        assert_eq!(value(&mapped, "fatalities_high"), "");
        assert_eq!(value(&mapped, "ucdp_high"), "11");
    }

    #[test]
    fn sources_pair_with_their_days_and_old_rows_cite_ucdp() {
        let (mapped, _) = map(&[
            ("source_office", "Reuters News;;Libya Observer"),
            ("source_date", "2019-04-21;2019-04-22;2019-04-23"),
        ]);
        assert_eq!(value(&mapped, "source"), "Reuters News;Libya Observer");
        assert_eq!(value(&mapped, "published"), "2019-04-21;2019-04-23");
        let (mapped, _) = map(&[
            ("source_office", "Reuters News;Libya Observer"),
            ("source_date", "2019-04-21"),
        ]);
        assert_eq!(value(&mapped, "published"), "");
        let (mapped, _) = map(&[
            ("source_office", ""),
            ("source_date", ""),
            ("source_headline", ""),
            ("number_of_sources", "-1"),
        ]);
        assert_eq!(value(&mapped, "source"), "UCDP GED");
        assert_eq!(value(&mapped, "published"), "");
    }

    #[test]
    fn iso_comes_from_country_id_else_the_country_name() {
        let (mapped, _) = map(&[("country", "Tunisia"), ("country_id", "616")]);
        assert_eq!(value(&mapped, "iso"), "788");
        let (mapped, _) = map(&[("country", "Turkey"), ("country_id", "640")]);
        assert_eq!(value(&mapped, "iso"), "792");
        let (mapped, _) = map(&[("country", "Mozambique"), ("country_id", "541")]);
        assert_eq!(value(&mapped, "iso"), "");
    }

    #[test]
    fn bad_values_name_the_ged_column_and_its_position() {
        // (column, bad value, field named in the diagnostic)
        let cases = [
            ("date_prec", "9", "date_prec (column 38)"),
            ("where_prec", "0", "where_prec (column 25)"),
            ("type_of_violence", "4", "type_of_violence (column 6)"),
            ("best", "five", "best (column 45)"),
            ("low", "-1", "low (column 47)"),
            ("date_start", "2019-13-40", "date_start (column 39)"),
            ("date_end", "2019-04-19", "date_end (column 40)"),
            ("id", "", "id (column 1)"),
            ("side_a", "", "side_a (column 15)"),
            ("latitude", "132.8", "latitude (column 30)"),
            ("country_id", "Libya", "country_id (column 35)"),
        ];
        for (column, bad, field) in cases {
            let (_, problems) = map(&[(column, bad)]);
            let fields: Vec<_> = problems.iter().filter_map(located).collect();
            assert_eq!(fields, [field], "{column}={bad}");
            assert_eq!(problems[0].value.as_deref(), Some(bad));
        }
        let (_, problems) = map(&[
            ("latitude", ""),
            ("longitude", ""),
            ("geom_wkt", "POINT (13.9)"),
        ]);
        assert_eq!(
            located(&problems[0]).as_deref(),
            Some("geom_wkt (column 32)")
        );
    }

    #[test]
    fn a_header_without_ged_columns_is_refused_naming_them() {
        let mut ucdp = Ucdp::default();
        let err = ucdp
            .header(
                Some(&record(
                    "id,year,side_a,side_b,country,latitude,longitude,best",
                )),
                Path::new("x.csv"),
            )
            .unwrap_err();
        assert_eq!(err.origin.line, Some(1));
        assert!(
            err.expected
                .contains("type_of_violence, where_prec, date_prec, date_start, date_end"),
            "{}",
            err.expected
        );
        assert!(ucdp.header(None, Path::new("x.csv")).is_err());
    }

    #[test]
    fn the_tables_use_acled_types_and_their_codebook_order() {
        for (_, event_type, sub, _) in TYPE_OF_VIOLENCE {
            assert_eq!(
                crate::event::taxonomy::sub_event_type(sub),
                Some((event_type, sub))
            );
        }
        for (i, (code, ..)) in DATE_PREC.iter().enumerate() {
            assert_eq!(code.parse::<usize>().ok(), Some(i + 1));
        }
        for (i, (code, ..)) in WHERE_PREC.iter().enumerate() {
            assert_eq!(code.parse::<usize>().ok(), Some(i + 1));
        }
    }

    /// Every row of a fixture through the mapping and the event checks, as the import runs
    /// them: (line, outcome) with the problems' fields, or the skip reason. (The GDELT
    /// tests use it too, until the import's own pipeline can run the fixtures.)
    /// A problem's field and where it is, as the message names them.
    pub(crate) fn located(problem: &Diagnostic) -> Option<String> {
        let field = problem.field.clone()?;
        Some(match &problem.column {
            Some(column) => format!("{field} ({column})"),
            None => field,
        })
    }

    pub(crate) fn run_fixture(
        mapping: &mut dyn Mapping,
        name: &str,
    ) -> Vec<(u64, Result<Vec<String>, Skip>)> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(mapping.delimiter())
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap();
        let mut records = reader.records().map(Result::unwrap);
        let source = mapping.has_header().then(|| records.next().unwrap());
        let names = mapping.header(source.as_ref(), &path).unwrap();
        let header = Arc::new(record::Header::new(names.iter().map(String::as_str)));
        let first = if mapping.has_header() { 2 } else { 1 };
        let mut outcomes = Vec::new();
        for (n, row) in records.enumerate() {
            let line = first + n as u64;
            let origin = Origin::at(&path, line);
            let mut out = Vec::new();
            let mut problems = Vec::new();
            let outcome = match mapping.map(&row, &origin, &mut out, &mut problems) {
                Err(skip) => Err(skip),
                Ok(()) if problems.is_empty() => {
                    let raw = RawRecord {
                        origin,
                        header: Arc::clone(&header),
                        values: out.iter().map(String::as_str).collect(),
                    };
                    record::parse(&raw, &mut problems);
                    Ok(problems.iter().filter_map(located).collect())
                }
                Ok(()) => Ok(problems.iter().filter_map(located).collect()),
            };
            outcomes.push((line, outcome));
        }
        outcomes
    }

    #[test]
    fn the_fixture_maps_every_row_cleanly() {
        let outcomes = run_fixture(&mut Ucdp::default(), "ucdp-ged.csv");
        assert_eq!(outcomes.len(), 8);
        for (line, outcome) in outcomes {
            assert_eq!(outcome, Ok(Vec::new()), "line {line}");
        }
    }

    #[test]
    fn the_malformed_fixture_names_each_bad_column() {
        let outcomes = run_fixture(&mut Ucdp::default(), "ucdp-malformed.csv");
        let fields: Vec<(u64, Vec<String>)> = outcomes
            .into_iter()
            .map(|(line, outcome)| (line, outcome.unwrap()))
            .collect();
        let expected: [(u64, &[&str]); 8] = [
            (2, &["date_prec (column 38)"]),
            (3, &["date_start (column 39)"]),
            (4, &["best (column 45)"]),
            (5, &["type_of_violence (column 6)"]),
            // A short row: the import reports its field count before mapping it; mapped
            // anyway, its missing columns are empty.
            (
                6,
                &[
                    "side_a (column 15)",
                    "country (column 34)",
                    "date_start (column 39)",
                    "date_end (column 40)",
                    "date_prec (column 38)",
                    "where_prec (column 25)",
                ],
            ),
            (7, &["date_end (column 40)"]),
            (8, &["geom_wkt (column 32)"]),
            (9, &["where_prec (column 25)"]),
        ];
        assert_eq!(fields.len(), expected.len());
        for ((line, got), (want_line, want)) in fields.iter().zip(expected) {
            assert_eq!(*line, want_line);
            let mut got = got.clone();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "line {line}");
        }
    }
}
