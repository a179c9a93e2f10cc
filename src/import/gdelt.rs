//! GDELT 2.0 event rows into frontline's columns.
//!
//! The rules follow the GDELT 2.0 Event Codebook (61 tab-separated columns, no header) and
//! the CAMEO manual (version 1.1b3, the one GDELT codes with).
//!
//! | GDELT column | frontline column | rule |
//! |---|---|---|
//! | `EventCode` | `event_type`, `sub_event_type` | [`CAMEO`], longest prefix; other roots skipped ([`ROOTS`]) |
//! | `GLOBALEVENTID` | `event_id_cnty` | `GDELT<id>` |
//! | `SQLDATE` | `event_date`, `time_precision` | `YYYYMMDD` → `YYYY-MM-DD`, `day` |
//! | `Actor1Name`, `Actor2Name` | `actor1`, `actor2` | else `Actor1Code`/`Actor2Code`; no actor 1 → `Unidentified` |
//! | `ActionGeo_CountryCode` | `country`, `iso` | [`FIPS`]; a code not in it → the code, `iso` empty |
//! | `ActionGeo_FullName` | `location`, `admin1` | its first part; the ADM1 part of a city or ADM1 match |
//! | `ActionGeo_Lat`, `ActionGeo_Long` | `latitude`, `longitude` | none → the row is skipped |
//! | `ActionGeo_Type` | `geo_precision` | [`GEO_TYPE`] |
//! | `SOURCEURL` | `source`, `source_url` | the address's host, and the address |
//! | — | `fatalities` | empty: GDELT does not count deaths |
//! | the columns in `KEPT` | `gdelt_<name>` | kept as written, names lower-cased |

use super::{Mapping, Skip};
use crate::diagnostic::{Diagnostic, Origin};
use crate::event::geo_precision::GeoPrecision;
use crate::event::record::{Column, COLUMNS as FRONTLINE};
use chrono::NaiveDate;
use csv::StringRecord;
use std::path::Path;

/// CAMEO codes → ACLED event type and sub-event type, with the reason; an `EventCode`
/// takes the row of its longest prefix here (CAMEO is a tree: `1831` is under `183`, under
/// `18`). The roots listed are CAMEO's material-conflict roots plus protest (14); their
/// two-digit row is the fallback for codes with no finer row.
#[rustfmt::skip]
pub const CAMEO: [(&str, &str, &str, &str); 35] = [
    ("14", "Protests", "Peaceful protest", "Protest: demonstrations, hunger strikes, strikes and blockades are peaceful unless coded violent"),
    ("145", "Riots", "Violent demonstration", "Protest violently, riot: demonstrators use violence"),
    ("17", "Strategic developments", "Other", "Coerce, not specified: pressure short of violence, no finer ACLED sub-type"),
    ("171", "Strategic developments", "Looting/property destruction", "Seize or damage property"),
    ("172", "Strategic developments", "Other", "Impose administrative sanctions (curfew, state of emergency)"),
    ("173", "Strategic developments", "Arrests", "Arrest, detain, or charge with legal action"),
    ("174", "Strategic developments", "Other", "Expel or deport individuals: no ACLED sub-type closer"),
    ("175", "Violence against civilians", "Attack", "Use tactics of violent repression: force against unarmed people"),
    ("176", "Strategic developments", "Other", "Attack cybernetically: ACLED codes no cyber attack; kept as a development"),
    ("18", "Violence against civilians", "Attack", "Assault: physical assault, torture, killing, human shields, assassination of people not fighting"),
    ("181", "Violence against civilians", "Abduction/forced disappearance", "Abduct, hijack, or take hostage"),
    ("1821", "Violence against civilians", "Sexual violence", "Sexually assault"),
    ("183", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Conduct suicide, car, or other non-military bombing"),
    ("1831", "Explosions/Remote violence", "Suicide bomb", "Carry out suicide bombing"),
    ("1832", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Carry out vehicular bombing: a car bomb not said to be a suicide attack"),
    ("1833", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Carry out roadside bombing"),
    ("1834", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Carry out location bombing"),
    ("19", "Battles", "Armed clash", "Fight: conventional military force between armed sides"),
    ("190", "Battles", "Armed clash", "Use conventional military force, not specified"),
    ("191", "Strategic developments", "Other", "Impose blockade, restrict movement: no fighting implied"),
    ("192", "Battles", "Armed clash", "Occupy territory: CAMEO does not say whether a state or a non-state actor takes it, which ACLED's territory sub-types need"),
    ("193", "Battles", "Armed clash", "Fight with small arms and light weapons"),
    ("194", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Fight with artillery and tanks: fire from a distance"),
    ("195", "Explosions/Remote violence", "Air/drone strike", "Employ aerial weapons"),
    ("1951", "Explosions/Remote violence", "Air/drone strike", "Employ precision-guided aerial munitions"),
    ("1952", "Explosions/Remote violence", "Air/drone strike", "Employ remotely piloted aerial munitions"),
    ("196", "Battles", "Armed clash", "Violate ceasefire: fighting resumed"),
    ("20", "Violence against civilians", "Attack", "Use unconventional mass violence: mass killing of unarmed people"),
    ("200", "Violence against civilians", "Attack", "Use unconventional mass violence, not specified"),
    ("201", "Strategic developments", "Other", "Engage in mass expulsion: displacement, no ACLED sub-type closer"),
    ("202", "Violence against civilians", "Attack", "Engage in mass killings"),
    ("203", "Violence against civilians", "Attack", "Engage in ethnic cleansing"),
    ("204", "Explosions/Remote violence", "Chemical weapon", "Use weapons of mass destruction, not specified: ACLED's only WMD sub-type"),
    ("2041", "Explosions/Remote violence", "Chemical weapon", "Use chemical, biological, or radiological weapons"),
    ("2042", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Detonate nuclear weapons: ACLED has no nuclear sub-type; the nearest remote attack"),
];

/// CAMEO's twenty root codes and names (CAMEO manual 1.1b3), for the skip reasons.
#[rustfmt::skip]
pub const ROOTS: [(&str, &str); 20] = [
    ("01", "Make public statement"), ("02", "Appeal"), ("03", "Express intent to cooperate"),
    ("04", "Consult"), ("05", "Engage in diplomatic cooperation"),
    ("06", "Engage in material cooperation"), ("07", "Provide aid"), ("08", "Yield"),
    ("09", "Investigate"), ("10", "Demand"), ("11", "Disapprove"), ("12", "Reject"),
    ("13", "Threaten"), ("14", "Protest"), ("15", "Exhibit force posture"),
    ("16", "Reduce relations"), ("17", "Coerce"), ("18", "Assault"), ("19", "Fight"),
    ("20", "Use unconventional mass violence"),
];

/// `ActionGeo_Type` → frontline's `geo_precision` (GDELT 2.0 Event Codebook, Actor1Geo_Type:
/// the resolution of the place matched). A city match is the place named, so `exact`.
#[rustfmt::skip]
pub const GEO_TYPE: [(&str, GeoPrecision, &str); 5] = [
    ("1", GeoPrecision::Country, "COUNTRY: matched a country"),
    ("2", GeoPrecision::Admin1, "USSTATE: matched a US state"),
    ("3", GeoPrecision::Exact, "USCITY: matched a US city or landmark"),
    ("4", GeoPrecision::Exact, "WORLDCITY: matched a city or landmark outside the US"),
    ("5", GeoPrecision::Admin1, "WORLDSTATE: matched a first-order division outside the US"),
];

/// FIPS 10-4 country codes (GDELT's `ActionGeo_CountryCode`) → ACLED's country name and the
/// ISO 3166-1 numeric code: Libya, its neighbours, and the states whose forces or envoys
/// the reports of this war name.
#[rustfmt::skip]
pub const FIPS: [(&str, &str, u16); 31] = [
    ("LY", "Libya", 434), ("TS", "Tunisia", 788), ("AG", "Algeria", 12),
    ("NG", "Niger", 562), ("CD", "Chad", 148), ("SU", "Sudan", 729), ("EG", "Egypt", 818),
    ("OD", "South Sudan", 728), ("CT", "Central African Republic", 140), ("ML", "Mali", 466),
    ("MR", "Mauritania", 478), ("MO", "Morocco", 504), ("MT", "Malta", 470),
    ("IT", "Italy", 380), ("GR", "Greece", 300), ("CY", "Cyprus", 196), ("TU", "Turkey", 792),
    ("SY", "Syria", 760), ("LE", "Lebanon", 422), ("IS", "Israel", 376), ("JO", "Jordan", 400),
    ("IZ", "Iraq", 368), ("SA", "Saudi Arabia", 682), ("AE", "United Arab Emirates", 784),
    ("QA", "Qatar", 634), ("YM", "Yemen", 887), ("RS", "Russia", 643), ("FR", "France", 250),
    ("GM", "Germany", 276), ("UK", "United Kingdom", 826), ("US", "United States", 840),
];

/// Who `actor1` is when GDELT names no first actor (neither `Actor1Name` nor `Actor1Code`):
/// the event was coded from its target alone.
pub const UNIDENTIFIED: &str = "Unidentified";

/// Where an event came from when `SOURCEURL` is empty.
pub const FALLBACK_SOURCE: &str = "GDELT 2.0";

/// A GDELT column the mapping reads; its value is its 0-based position in [`COLUMNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum G {
    GlobalEventId = 0,
    SqlDate = 1,
    Actor1Code = 5,
    Actor1Name = 6,
    Actor2Code = 15,
    Actor2Name = 16,
    EventCode = 26,
    EventRootCode = 28,
    QuadClass = 29,
    GoldsteinScale = 30,
    NumMentions = 31,
    NumSources = 32,
    NumArticles = 33,
    AvgTone = 34,
    ActionGeoType = 51,
    ActionGeoFullName = 52,
    ActionGeoCountryCode = 53,
    ActionGeoAdm1Code = 54,
    ActionGeoLat = 56,
    ActionGeoLong = 57,
    ActionGeoFeatureId = 58,
    DateAdded = 59,
    SourceUrl = 60,
}

/// The GDELT columns kept after frontline's, as `gdelt_<name>` (lower-cased, as every
/// header name frontline reads is): the coding frontline's columns cannot hold.
const KEPT: [G; 14] = [
    G::EventCode,
    G::EventRootCode,
    G::QuadClass,
    G::GoldsteinScale,
    G::NumMentions,
    G::NumSources,
    G::NumArticles,
    G::AvgTone,
    G::Actor1Code,
    G::Actor2Code,
    G::ActionGeoFullName,
    G::ActionGeoFeatureId,
    G::ActionGeoAdm1Code,
    G::DateAdded,
];

/// GDELT 2.0 events.
#[derive(Debug, Default)]
pub struct Gdelt {}

impl Mapping for Gdelt {
    fn delimiter(&self) -> u8 {
        b'\t'
    }

    fn fields(&self) -> Option<usize> {
        Some(COLUMNS.len())
    }

    fn has_header(&self) -> bool {
        false
    }

    fn header(
        &mut self,
        _source: Option<&StringRecord>,
        _file: &Path,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut header: Vec<String> = FRONTLINE.iter().map(|c| c.to_string()).collect();
        header.extend(
            KEPT.iter()
                .map(|&c| format!("gdelt_{}", COLUMNS[c as usize].to_ascii_lowercase())),
        );
        Ok(header)
    }

    fn map(
        &self,
        row: &StringRecord,
        origin: &Origin,
        out: &mut Vec<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Skip> {
        let get = |c: G| row.get(c as usize).map(str::trim).unwrap_or("");
        let mut bad = |c: G, value: &str, expected: &str| {
            problems.push(
                Diagnostic::field(origin, COLUMNS[c as usize], value, expected)
                    .in_column(format!("column {}", c as usize + 1)),
            );
        };

        // EventCode (codebook: EventCode, the CAMEO action code) decides whether the row is
        // a conflict event at all, so it is read first and other roots are skipped unread.
        let code = get(G::EventCode);
        let digits = (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
        let root = ROOTS.iter().find(|(r, _)| digits && code.starts_with(r));
        let Some((root, root_name)) = root else {
            bad(
                G::EventCode,
                code,
                "a CAMEO event code: 2 to 4 digits under a root 01 to 20, e.g. 190",
            );
            return Ok(());
        };
        let Some((_, event_type, sub_event_type, _)) = CAMEO
            .iter()
            .filter(|(prefix, ..)| code.starts_with(prefix))
            .max_by_key(|(prefix, ..)| prefix.len())
        else {
            return Err(Skip(format!(
                "CAMEO root {root} ({root_name}) is not a conflict event"
            )));
        };

        // ActionGeo_Lat, ActionGeo_Long (codebook: the place of the action itself).
        let (lat, lon) = (get(G::ActionGeoLat), get(G::ActionGeoLong));
        if lat.is_empty() && lon.is_empty() {
            return Err(Skip("no ActionGeo coordinates".into()));
        }

        out.clear();
        out.resize(FRONTLINE.len() + KEPT.len(), String::new());
        let mut set = |c: Column, value: String| out[c as usize] = value;
        set(Column::EventType, event_type.to_string());
        set(Column::SubEventType, sub_event_type.to_string());
        if !in_range(lat, 90.0) {
            bad(G::ActionGeoLat, lat, "decimal degrees between -90 and 90");
        }
        if !in_range(lon, 180.0) {
            bad(
                G::ActionGeoLong,
                lon,
                "decimal degrees between -180 and 180",
            );
        }
        set(Column::Latitude, lat.to_string());
        set(Column::Longitude, lon.to_string());

        // GLOBALEVENTID (codebook: a unique number per event).
        let id = get(G::GlobalEventId);
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            bad(G::GlobalEventId, id, "GDELT's event number, digits only");
        }
        set(Column::EventIdCnty, format!("GDELT{id}"));

        // SQLDATE (codebook: "Day", the day of the event, YYYYMMDD).
        let day_text = get(G::SqlDate);
        match NaiveDate::parse_from_str(day_text, "%Y%m%d") {
            Ok(day) if day_text.len() == 8 => {
                set(Column::EventDate, day.to_string());
                set(Column::TimePrecision, "day".to_string());
            }
            _ => bad(G::SqlDate, day_text, "a day YYYYMMDD, e.g. 20190404"),
        }

        // Actor1Name, Actor2Name (codebook: the actor's name; the code when unnamed).
        let actor = |name: G, code: G| {
            Some(get(name))
                .filter(|n| !n.is_empty())
                .unwrap_or(get(code))
        };
        let actor1 = actor(G::Actor1Name, G::Actor1Code);
        set(
            Column::Actor1,
            if actor1.is_empty() {
                UNIDENTIFIED
            } else {
                actor1
            }
            .to_string(),
        );
        set(
            Column::Actor2,
            actor(G::Actor2Name, G::Actor2Code).to_string(),
        );

        // ActionGeo_CountryCode (codebook: FIPS 10-4), through the FIPS table.
        let fips = get(G::ActionGeoCountryCode);
        match FIPS.iter().find(|(f, _, _)| *f == fips) {
            Some((_, name, iso)) => {
                set(Column::Country, name.to_string());
                set(Column::Iso, iso.to_string());
            }
            None if fips.is_empty() => bad(
                G::ActionGeoCountryCode,
                fips,
                "a FIPS 10-4 country code, e.g. LY for Libya",
            ),
            None => set(Column::Country, fips.to_string()),
        }

        // ActionGeo_Type (codebook: the resolution of the match).
        let geo_type = get(G::ActionGeoType);
        match GEO_TYPE.iter().find(|(t, _, _)| *t == geo_type) {
            Some((_, precision, _)) => {
                set(Column::GeoPrecision, precision.as_str().to_string());
            }
            None => bad(
                G::ActionGeoType,
                geo_type,
                "1 (country), 2 (US state), 3 (US city), 4 (world city) or 5 (world ADM1)",
            ),
        }

        // ActionGeo_FullName: "City, ADM1, Country", "ADM1, Country" or "Country".
        let full_name = get(G::ActionGeoFullName);
        let parts: Vec<&str> = full_name.split(',').map(str::trim).collect();
        let location = parts.first().copied().filter(|p| !p.is_empty());
        set(Column::Location, location.unwrap_or(full_name).to_string());
        let admin1 = match (geo_type, parts.as_slice()) {
            ("3" | "4", [_, adm1, _, ..]) => *adm1,
            ("2" | "5", [adm1, ..]) => *adm1,
            _ => "",
        };
        set(Column::Admin1, admin1.to_string());
        if full_name.is_empty() {
            bad(
                G::ActionGeoFullName,
                full_name,
                "the name of the place matched",
            );
        }

        // SOURCEURL (codebook: the address of the first article reporting the event).
        let url = get(G::SourceUrl);
        match host(url) {
            Some(host) => {
                set(Column::Source, host.to_string());
                set(Column::SourceUrl, url.to_string());
            }
            None if url.is_empty() => set(Column::Source, FALLBACK_SOURCE.to_string()),
            // Some feeds are named, not linked (e.g. "BBC Monitoring").
            None => set(Column::Source, url.to_string()),
        }

        for (slot, &c) in out[FRONTLINE.len()..].iter_mut().zip(&KEPT) {
            *slot = get(c).to_string();
        }
        Ok(())
    }
}

/// Whether a text is a number of degrees within ±`limit`.
fn in_range(text: &str, limit: f64) -> bool {
    text.parse::<f64>()
        .is_ok_and(|v| (-limit..=limit).contains(&v))
}

/// The host of an http(s) address, without `www.`: the outlet that published it.
fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// GDELT 2.0's event table columns, in order (GDELT 2.0 Event Codebook; the codebook calls
/// the second `Day`, GDELT's BigQuery table and most tools `SQLDATE`).
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ucdp::tests::{parsed, run_fixture};

    /// A GDELT row: the named columns set, the others empty.
    fn row(fields: &[(&str, &str)]) -> StringRecord {
        COLUMNS
            .iter()
            .map(|name| {
                fields
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or("", |(_, v)| *v)
            })
            .collect()
    }

    /// An air strike on Tripoli reported on 4 January 2020, as GDELT codes one.
    fn strike() -> Vec<(&'static str, &'static str)> {
        vec![
            ("GLOBALEVENTID", "891234567"),
            ("SQLDATE", "20200104"),
            ("MonthYear", "202001"),
            ("Year", "2020"),
            ("FractionDate", "2020.0110"),
            ("Actor1Code", "LBYMIL"),
            ("Actor1Name", "LIBYA"),
            ("Actor2Code", "LBYEDU"),
            ("Actor2Name", "TRIPOLI"),
            ("IsRootEvent", "1"),
            ("EventCode", "195"),
            ("EventBaseCode", "195"),
            ("EventRootCode", "19"),
            ("QuadClass", "4"),
            ("GoldsteinScale", "-10.0"),
            ("NumMentions", "10"),
            ("NumSources", "2"),
            ("NumArticles", "10"),
            ("AvgTone", "-8.1"),
            ("ActionGeo_Type", "4"),
            ("ActionGeo_FullName", "Tripoli, Tarabulus, Libya"),
            ("ActionGeo_CountryCode", "LY"),
            ("ActionGeo_ADM1Code", "LY61"),
            ("ActionGeo_ADM2Code", "LY61"),
            ("ActionGeo_Lat", "32.8925"),
            ("ActionGeo_Long", "13.18"),
            ("ActionGeo_FeatureID", "-3178767"),
            ("DATEADDED", "20200104223000"),
            (
                "SOURCEURL",
                "https://www.libyaobserver.ly/news/dozens-killed-airstrike-military-college-tripoli",
            ),
        ]
    }

    fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut fields = strike();
        for (name, value) in changes {
            match fields.iter_mut().find(|(n, _)| n == name) {
                Some(field) => field.1 = value,
                None => fields.push((name, value)),
            }
        }
        fields
    }

    /// A mapped row: (column name, value) pairs, and the problems found.
    type Mapped = (Vec<(String, String)>, Vec<Diagnostic>);

    /// Maps a row: the mapped values by column name, and the problems (or the skip).
    fn map(fields: &[(&str, &str)]) -> Result<Mapped, Skip> {
        let mut gdelt = Gdelt::default();
        let header = gdelt.header(None, Path::new("events.tsv")).unwrap();
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let origin = Origin::at(Path::new("events.tsv"), 7);
        gdelt.map(&row(fields), &origin, &mut out, &mut problems)?;
        Ok((header.into_iter().zip(out).collect(), problems))
    }

    fn value<'a>(mapped: &'a [(String, String)], name: &str) -> &'a str {
        mapped
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    #[test]
    fn the_columns_are_the_codebooks_sixty_one() {
        assert_eq!(COLUMNS.len(), 61);
        let read = [
            (G::GlobalEventId, "GLOBALEVENTID"),
            (G::SqlDate, "SQLDATE"),
            (G::Actor1Code, "Actor1Code"),
            (G::Actor1Name, "Actor1Name"),
            (G::Actor2Code, "Actor2Code"),
            (G::Actor2Name, "Actor2Name"),
            (G::EventCode, "EventCode"),
            (G::EventRootCode, "EventRootCode"),
            (G::QuadClass, "QuadClass"),
            (G::GoldsteinScale, "GoldsteinScale"),
            (G::NumMentions, "NumMentions"),
            (G::NumSources, "NumSources"),
            (G::NumArticles, "NumArticles"),
            (G::AvgTone, "AvgTone"),
            (G::ActionGeoType, "ActionGeo_Type"),
            (G::ActionGeoFullName, "ActionGeo_FullName"),
            (G::ActionGeoCountryCode, "ActionGeo_CountryCode"),
            (G::ActionGeoAdm1Code, "ActionGeo_ADM1Code"),
            (G::ActionGeoLat, "ActionGeo_Lat"),
            (G::ActionGeoLong, "ActionGeo_Long"),
            (G::ActionGeoFeatureId, "ActionGeo_FeatureID"),
            (G::DateAdded, "DATEADDED"),
            (G::SourceUrl, "SOURCEURL"),
        ];
        for (column, name) in read {
            assert_eq!(COLUMNS[column as usize], name);
        }
    }

    #[test]
    fn a_row_maps_to_frontline_columns_and_keeps_the_coding() {
        let (mapped, problems) = map(&strike()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let frontline: Vec<(&str, &str)> = mapped[..FRONTLINE.len()]
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        assert_eq!(
            frontline,
            [
                ("event_id_cnty", "GDELT891234567"),
                ("event_date", "2020-01-04"),
                ("time_precision", "day"),
                ("event_type", "Explosions/Remote violence"),
                ("sub_event_type", "Air/drone strike"),
                ("actor1", "LIBYA"),
                ("actor2", "TRIPOLI"),
                ("country", "Libya"),
                ("iso", "434"),
                ("admin1", "Tarabulus"),
                ("location", "Tripoli"),
                ("latitude", "32.8925"),
                ("longitude", "13.18"),
                ("geo_precision", "exact"),
                ("source", "libyaobserver.ly"),
                (
                    "source_url",
                    "https://www.libyaobserver.ly/news/dozens-killed-airstrike-military-college-tripoli"
                ),
            ]
        );
        let kept: Vec<(&str, &str)> = mapped[FRONTLINE.len()..]
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("gdelt_eventcode", "195"),
                ("gdelt_eventrootcode", "19"),
                ("gdelt_quadclass", "4"),
                ("gdelt_goldsteinscale", "-10.0"),
                ("gdelt_nummentions", "10"),
                ("gdelt_numsources", "2"),
                ("gdelt_numarticles", "10"),
                ("gdelt_avgtone", "-8.1"),
                ("gdelt_actor1code", "LBYMIL"),
                ("gdelt_actor2code", "LBYEDU"),
                ("gdelt_actiongeo_fullname", "Tripoli, Tarabulus, Libya"),
                ("gdelt_actiongeo_featureid", "-3178767"),
                ("gdelt_actiongeo_adm1code", "LY61"),
                ("gdelt_dateadded", "20200104223000"),
            ]
        );
        let draft = parsed(&mapped);
        assert_eq!(draft.event.sources[0].name, "libyaobserver.ly");
    }

    #[test]
    fn cameo_codes_take_their_longest_prefix() {
        // EventCode → (event_type, sub_event_type)
        let cases = [
            ("141", "Protests", "Peaceful protest"),
            ("1443", "Protests", "Peaceful protest"),
            ("145", "Riots", "Violent demonstration"),
            ("1452", "Riots", "Violent demonstration"),
            ("170", "Strategic developments", "Other"),
            (
                "1712",
                "Strategic developments",
                "Looting/property destruction",
            ),
            ("173", "Strategic developments", "Arrests"),
            ("180", "Violence against civilians", "Attack"),
            (
                "181",
                "Violence against civilians",
                "Abduction/forced disappearance",
            ),
            ("1823", "Violence against civilians", "Attack"),
            ("1821", "Violence against civilians", "Sexual violence"),
            (
                "183",
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            ("1831", "Explosions/Remote violence", "Suicide bomb"),
            (
                "1833",
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            ("186", "Violence against civilians", "Attack"),
            ("190", "Battles", "Armed clash"),
            ("191", "Strategic developments", "Other"),
            ("192", "Battles", "Armed clash"),
            ("193", "Battles", "Armed clash"),
            (
                "194",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            ("1952", "Explosions/Remote violence", "Air/drone strike"),
            ("196", "Battles", "Armed clash"),
            ("202", "Violence against civilians", "Attack"),
            ("2041", "Explosions/Remote violence", "Chemical weapon"),
        ];
        for (code, event_type, sub) in cases {
            let (mapped, problems) = map(&with(&[("EventCode", code)])).unwrap();
            assert!(problems.is_empty(), "{code}: {problems:?}");
            assert_eq!(value(&mapped, "event_type"), event_type, "{code}");
            assert_eq!(value(&mapped, "sub_event_type"), sub, "{code}");
        }
        for (_, event_type, sub, _) in CAMEO {
            assert_eq!(
                crate::event::taxonomy::sub_event_type(sub),
                Some((event_type, sub))
            );
        }
    }

    #[test]
    fn other_roots_and_rows_without_a_place_are_skipped_with_their_reason() {
        let cases = [
            ("043", "CAMEO root 04 (Consult) is not a conflict event"),
            ("0211", "CAMEO root 02 (Appeal) is not a conflict event"),
            ("1384", "CAMEO root 13 (Threaten) is not a conflict event"),
            (
                "154",
                "CAMEO root 15 (Exhibit force posture) is not a conflict event",
            ),
        ];
        for (code, reason) in cases {
            assert_eq!(
                map(&with(&[("EventCode", code)])).err(),
                Some(Skip(reason.into()))
            );
        }
        let nowhere = with(&[
            ("ActionGeo_Lat", ""),
            ("ActionGeo_Long", ""),
            ("ActionGeo_Type", "0"),
        ]);
        assert_eq!(
            map(&nowhere).err(),
            Some(Skip("no ActionGeo coordinates".into()))
        );
    }

    #[test]
    fn places_actors_and_sources_fall_back_as_documented() {
        // A first-order division, in a country outside the FIPS table.
        let (mapped, _) = map(&with(&[
            ("ActionGeo_Type", "5"),
            ("ActionGeo_FullName", "Gao, Mali"),
            ("ActionGeo_CountryCode", "ML"),
        ]))
        .unwrap();
        assert_eq!(value(&mapped, "geo_precision"), "admin1");
        assert_eq!(value(&mapped, "admin1"), "Gao");
        assert_eq!(value(&mapped, "location"), "Gao");
        assert_eq!(value(&mapped, "iso"), "466");
        let (mapped, _) = map(&with(&[
            ("ActionGeo_Type", "1"),
            ("ActionGeo_FullName", "Mozambique"),
            ("ActionGeo_CountryCode", "MZ"),
        ]))
        .unwrap();
        assert_eq!(value(&mapped, "country"), "MZ");
        assert_eq!(value(&mapped, "iso"), "");
        assert_eq!(value(&mapped, "geo_precision"), "country");
        assert_eq!(value(&mapped, "admin1"), "");
        // No names: the codes; no first actor at all: Unidentified.
        let (mapped, _) = map(&with(&[("Actor1Name", ""), ("Actor2Name", "")])).unwrap();
        assert_eq!(value(&mapped, "actor1"), "LBYMIL");
        assert_eq!(value(&mapped, "actor2"), "LBYEDU");
        let (mapped, _) = map(&with(&[("Actor1Name", ""), ("Actor1Code", "")])).unwrap();
        assert_eq!(value(&mapped, "actor1"), "Unidentified");
        // A named feed, and none.
        let (mapped, _) = map(&with(&[("SOURCEURL", "BBC Monitoring")])).unwrap();
        assert_eq!(value(&mapped, "source"), "BBC Monitoring");
        assert_eq!(value(&mapped, "source_url"), "");
        let (mapped, _) = map(&with(&[("SOURCEURL", "")])).unwrap();
        assert_eq!(value(&mapped, "source"), "GDELT 2.0");
        parsed(&mapped);
    }

    #[test]
    fn bad_values_name_the_gdelt_column_and_its_position() {
        // (column, bad value, field named in the diagnostic)
        let cases = [
            ("SQLDATE", "20191340", "SQLDATE (column 2)"),
            ("SQLDATE", "2019-04-04", "SQLDATE (column 2)"),
            ("GLOBALEVENTID", "x12", "GLOBALEVENTID (column 1)"),
            ("EventCode", "1x9", "EventCode (column 27)"),
            ("EventCode", "21", "EventCode (column 27)"),
            ("ActionGeo_Lat", "232.9", "ActionGeo_Lat (column 57)"),
            ("ActionGeo_Long", "east", "ActionGeo_Long (column 58)"),
            ("ActionGeo_Type", "7", "ActionGeo_Type (column 52)"),
            (
                "ActionGeo_CountryCode",
                "",
                "ActionGeo_CountryCode (column 54)",
            ),
        ];
        for (column, bad, field) in cases {
            let (_, problems) = map(&with(&[(column, bad)])).unwrap();
            let fields: Vec<_> = problems
                .iter()
                .filter_map(super::super::ucdp::tests::located)
                .collect();
            assert_eq!(fields, [field], "{column}={bad}");
            assert_eq!(problems[0].origin.line, Some(7));
        }
    }

    #[test]
    fn hosts_are_read_from_addresses() {
        let cases = [
            (
                "https://www.reuters.com/world/africa/x",
                Some("reuters.com"),
            ),
            (
                "http://libyaherald.com:8080/2019/04/05/?p=1",
                Some("libyaherald.com"),
            ),
            ("https://alwasat.ly#top", Some("alwasat.ly")),
            ("ftp://example.org/x", None),
            ("https://", None),
        ];
        for (url, expected) in cases {
            assert_eq!(host(url), expected, "{url}");
        }
    }
    #[test]
    fn the_fixture_maps_conflict_rows_and_skips_the_rest_by_reason() {
        let outcomes = run_fixture(&mut Gdelt::default(), "gdelt-events.tsv");
        let mut mapped = 0;
        let mut skipped = Vec::new();
        for (line, outcome) in outcomes {
            match outcome {
                Ok(problems) => {
                    assert!(problems.is_empty(), "line {line}: {problems:?}");
                    mapped += 1;
                }
                Err(Skip(reason)) => skipped.push((line, reason)),
            }
        }
        assert_eq!(mapped, 8);
        assert_eq!(
            skipped,
            [
                (
                    8,
                    "CAMEO root 04 (Consult) is not a conflict event".to_string()
                ),
                (
                    9,
                    "CAMEO root 05 (Engage in diplomatic cooperation) is not a conflict event"
                        .to_string()
                ),
                (
                    10,
                    "CAMEO root 13 (Threaten) is not a conflict event".to_string()
                ),
                (11, "no ActionGeo coordinates".to_string()),
            ]
        );
    }

    #[test]
    fn the_malformed_fixture_names_each_bad_column() {
        let outcomes = run_fixture(&mut Gdelt::default(), "gdelt-malformed.tsv");
        let fields: Vec<(u64, Vec<String>)> = outcomes
            .into_iter()
            .map(|(line, outcome)| (line, outcome.unwrap_or_default()))
            .collect();
        assert_eq!(
            fields,
            [
                (1, vec!["SQLDATE (column 2)".to_string()]),
                (2, vec!["ActionGeo_Lat (column 57)".to_string()]),
                // A short row (the import reports its field count): no coordinates.
                (3, vec![]),
                (4, vec!["EventCode (column 27)".to_string()]),
                (5, vec!["ActionGeo_Type (column 52)".to_string()]),
            ]
        );
    }
}
