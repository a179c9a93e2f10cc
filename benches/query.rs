//! Query latency in process: a million synthetic Libyan events in a [`Table`], the
//! [`Index`] built over them, then about a thousand random bbox + date queries that each
//! select around 1% of the events, answered by `Compiled::new` + `Index::select` and, as the
//! in-run yardstick, by a brute-force scan of every entry with `Compiled::matches`.
//!
//! Run with `cargo bench --bench query` (well under a minute). It prints the index build
//! time, the selectivity the queries reached, p50/p90/p99 latency in microseconds with the
//! plan mix, and the scan's latency and its ratio to the index's. The target is p50 < 1 ms.
//! Every index answer is checked against the scan's.

use chrono::{Duration, NaiveDate};
use frontline::diagnostic::Origin;
use frontline::event::date::{DateInterval, TimePrecision};
use frontline::event::geo_precision::GeoPrecision;
use frontline::event::taxonomy::EVENT_TYPES;
use frontline::event::{Claim, Event, Fatalities};
use frontline::filter::{Bbox, DateMode, DateRange, Filter};
use frontline::front::Fronts;
use frontline::index::{Compiled, Index, Plan, Table};
use geo::Point;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};

const EVENTS: usize = 1_000_000;
const QUERIES: usize = 1_000;
/// Half the side of a query box, in km, drawn from this range.
const BOX_HALF_KM: (f64, f64) = (5.0, 12.0);
/// Length of a query's date range, in days, drawn from this range.
const RANGE_DAYS: (i64, i64) = (28, 84);

/// Places the events are scattered around, as the benchmark generator has them
/// (approximate coordinates): name, latitude, longitude, front, weight.
const PLACES: &[(&str, f64, f64, &str, u32)] = &[
    ("Tripoli", 32.8872, 13.1913, "South Tripoli", 6),
    ("Tripoli - Abu Salim", 32.8520, 13.1810, "South Tripoli", 5),
    (
        "Tripoli - Salah al-Din",
        32.8175,
        13.2050,
        "South Tripoli",
        6,
    ),
    ("Tripoli - Al-Hadba", 32.8330, 13.2130, "South Tripoli", 3),
    ("Tripoli - Al-Yarmouk", 32.7990, 13.1960, "South Tripoli", 4),
    (
        "Tripoli - Khallat al-Furjan",
        32.7710,
        13.1720,
        "South Tripoli",
        5,
    ),
    (
        "Tripoli - Al-Sawani",
        32.7420,
        13.0960,
        "Tripoli Airport Road",
        3,
    ),
    (
        "Tripoli International Airport",
        32.6635,
        13.1590,
        "Tripoli Airport Road",
        6,
    ),
    (
        "Qasr Bin Ghashir",
        32.6960,
        13.1940,
        "Tripoli Airport Road",
        5,
    ),
    ("Al-Sbeaa", 32.6260, 13.1820, "Tripoli Airport Road", 2),
    ("Ain Zara", 32.7920, 13.2530, "Ain Zara-Wadi Rabie", 7),
    ("Wadi al-Rabie", 32.7450, 13.3080, "Ain Zara-Wadi Rabie", 5),
    ("Tajoura", 32.8817, 13.3506, "Ain Zara-Wadi Rabie", 3),
    ("Souq al-Juma'a", 32.8900, 13.2400, "Ain Zara-Wadi Rabie", 2),
    ("Mitiga Airport", 32.8941, 13.2760, "Ain Zara-Wadi Rabie", 4),
    ("Tarhuna", 32.4350, 13.6330, "Tarhuna", 5),
    ("Msallata", 32.6167, 14.0000, "Tarhuna", 1),
    ("Garabulli", 32.7600, 13.7200, "Tarhuna", 1),
    ("Gharyan", 32.1720, 13.0200, "Gharyan", 4),
    ("Al-Asabaa", 32.0600, 12.9800, "Gharyan", 1),
    ("Al-Aziziyah", 32.5300, 13.0200, "Gharyan", 3),
    ("Zawiya", 32.7571, 12.7276, "Western Coast", 3),
    ("Surman", 32.7567, 12.5714, "Western Coast", 2),
    ("Sabratha", 32.7933, 12.4885, "Western Coast", 2),
    ("Ajaylat", 32.7570, 12.3760, "Western Coast", 1),
    ("Zuwara", 32.9312, 12.0820, "Western Coast", 1),
    (
        "Al-Watiya Air Base",
        32.4740,
        11.8980,
        "Al-Watiya-Nafusa",
        3,
    ),
    ("Zintan", 31.9316, 12.2529, "Al-Watiya-Nafusa", 1),
    ("Nalut", 31.8685, 10.9812, "Al-Watiya-Nafusa", 1),
    ("Sirte", 31.2089, 16.5887, "Sirte-Jufra", 5),
    ("Abu Qurayn", 31.4480, 15.2570, "Sirte-Jufra", 2),
    ("Al-Jufra Air Base", 29.1980, 16.0010, "Sirte-Jufra", 2),
    ("Hun", 29.1268, 15.9477, "Sirte-Jufra", 1),
    ("Misrata", 32.3754, 15.0925, "Misrata", 3),
    ("Bani Walid", 31.7566, 13.9942, "Misrata", 2),
    ("Ras Lanuf", 30.5000, 18.5500, "Oil Crescent", 1),
    ("Brega", 30.4200, 19.5800, "Oil Crescent", 1),
    ("Ajdabiya", 30.7554, 20.2263, "Oil Crescent", 1),
    ("Sabha", 27.0377, 14.4283, "Fezzan", 2),
    ("Ubari", 26.5900, 12.7800, "Fezzan", 1),
    ("Murzuq", 25.9155, 13.9184, "Fezzan", 2),
    ("Benghazi", 32.1167, 20.0667, "Benghazi-East", 2),
    ("Derna", 32.7670, 22.6367, "Benghazi-East", 1),
];

const ACTORS: &[&str] = &[
    "Military Forces of Libya (2014-) Libyan National Army",
    "Military Forces of Libya (2016-) Government of National Accord",
    "Wagner Group",
    "Unidentified Armed Group (Libya)",
    "Civilians (Libya)",
    "Protesters (Libya)",
    "Tripoli Revolutionaries Brigade",
    "Misrata Communal Militia (Libya)",
];

/// SplitMix64: a small deterministic generator, so every run builds the same events.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos()
    }

    /// A place, drawn by weight.
    fn place(&mut self, total: u32) -> &'static (&'static str, f64, f64, &'static str, u32) {
        let mut pick = self.below(total as usize) as u32;
        for place in PLACES {
            if pick < place.4 {
                return place;
            }
            pick -= place.4;
        }
        &PLACES[0]
    }
}

/// Degrees of latitude and longitude in a kilometre at this latitude.
fn degrees_per_km(lat: f64) -> (f64, f64) {
    (1.0 / 110.574, 1.0 / (111.320 * lat.to_radians().cos()))
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 4, 1).unwrap_or_default()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 10, 31).unwrap_or_default()
}

/// One synthetic event on `day`, built as a reader would hand it to `Table::push`: a point
/// scattered around a place (sigma 1.5, 6 or 15 km by geo_precision), some recorded for
/// their week or month as ACLED does.
fn event(rng: &mut Rng, total: u32, day: NaiveDate, id: usize, file: &Arc<Path>) -> Event {
    let (location, lat, lon, front, _) = *rng.place(total);
    let (sigma_km, geo_precision) = match rng.below(20) {
        0..=9 => (1.5, GeoPrecision::Exact),
        10..=16 => (6.0, GeoPrecision::Near),
        _ => (15.0, GeoPrecision::Admin1),
    };
    let (dlat, dlon) = degrees_per_km(lat);
    let point = Point::new(
        lon + rng.normal() * sigma_km * dlon,
        lat + rng.normal() * sigma_km * dlat,
    );
    let precision = match rng.below(20) {
        0..=16 => TimePrecision::Day,
        17 | 18 => TimePrecision::Week,
        _ => TimePrecision::Month,
    };
    let date = DateInterval::day(day).widened_to(precision);
    let (event_type, subs) = EVENT_TYPES[rng.below(EVENT_TYPES.len())];
    let actor2 = if rng.below(4) == 0 {
        Vec::new()
    } else {
        vec![ACTORS[rng.below(ACTORS.len())].to_string()]
    };
    Event {
        event_id_cnty: format!("LBY{id}"),
        date,
        recorded: (precision != TimePrecision::Day).then_some(day),
        anchor: None,
        event_type,
        sub_event_type: subs[rng.below(subs.len())],
        actor1: vec![ACTORS[rng.below(ACTORS.len())].to_string()],
        assoc_actor_1: Vec::new(),
        actor2,
        assoc_actor_2: Vec::new(),
        country: "Libya".to_string(),
        iso: Some(434),
        admin1: String::new(),
        location: location.to_string(),
        point,
        geo_precision,
        geonameid: None,
        front: front.to_string(),
        fatalities: Fatalities {
            best: Some(rng.below(4) as u32),
            ..Fatalities::default()
        },
        claim: Claim::default(),
        sources: Vec::new(),
        notes: String::new(),
        key: false,
        headline: String::new(),
        headline_ar: String::new(),
        extra: Vec::new(),
        origin: Origin::shared(file, id as u64 + 2),
    }
}

/// A query: a box a few km around a place (drawn as the events are) and a range of weeks.
fn query(rng: &mut Rng, total: u32, mode: DateMode) -> Filter {
    let (_, lat, lon, _, _) = *rng.place(total);
    let (dlat, dlon) = degrees_per_km(lat);
    let (lat, lon) = (lat + rng.normal() * dlat, lon + rng.normal() * dlon);
    let half = rng.range(BOX_HALF_KM.0, BOX_HALF_KM.1);
    let length = RANGE_DAYS.0 + rng.below((RANGE_DAYS.1 - RANGE_DAYS.0 + 1) as usize) as i64;
    let span = (last_day() - first_day()).num_days() - length;
    let from = first_day() + Duration::days(rng.below(span as usize + 1) as i64);
    Filter {
        bbox: Some(Bbox::new(
            lon - half * dlon,
            lat - half * dlat,
            lon + half * dlon,
            lat + half * dlat,
        )),
        dates: Some(DateRange {
            from: Some(from),
            to: Some(from + Duration::days(length - 1)),
            mode,
        }),
        ..Filter::default()
    }
}

fn micros(d: Elapsed) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The value at quantile `q` of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn summary(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (quantile(&v, 0.5), quantile(&v, 0.9), quantile(&v, 0.99))
}

fn main() {
    let total: u32 = PLACES.iter().map(|p| p.4).sum();
    let mut rng = Rng(20190404);
    let file: Arc<Path> = Arc::from(Path::new("synthetic.csv"));

    let start = Instant::now();
    // Newest first, as ACLED exports (and the benchmark's files) are sorted.
    let days = (last_day() - first_day()).num_days() + 1;
    let mut recorded: Vec<i64> = (0..EVENTS)
        .map(|_| rng.below(days as usize) as i64)
        .collect();
    recorded.sort_unstable_by(|a, b| b.cmp(a));
    let mut table = Table::default();
    table.entries.reserve(EVENTS);
    for (id, day) in recorded.into_iter().enumerate() {
        let day = first_day() + Duration::days(day);
        table.push(&event(&mut rng, total, day, id, &file), 0, id as u64);
    }
    println!(
        "query: {EVENTS} synthetic events around {} Libyan places, 2019-04-01..2020-10-31; table filled in {:.2} s",
        PLACES.len(),
        start.elapsed().as_secs_f64()
    );

    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..3 {
        let start = Instant::now();
        index = Some(Index::build(&table));
        builds.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let Some(index) = index else { return };
    let (build_p50, _, _) = summary(builds.clone());
    println!(
        "Index::build: median {build_p50:.0} ms of 3 (min {:.0}, max {:.0}), {} threads",
        builds.iter().copied().fold(f64::INFINITY, f64::min),
        builds.iter().copied().fold(0.0, f64::max),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let fronts = Fronts { fronts: Vec::new() };
    for mode in [DateMode::Recorded, DateMode::Overlap] {
        let mut rng = Rng(7);
        let filters: Vec<Filter> = (0..QUERIES).map(|_| query(&mut rng, total, mode)).collect();
        let (mut indexed, mut scanned, mut shares) = (Vec::new(), Vec::new(), Vec::new());
        let mut by_plan: [Vec<f64>; 3] = Default::default();
        for filter in &filters {
            let start = Instant::now();
            let Ok(compiled) = Compiled::new(filter, &table, &fronts) else {
                continue;
            };
            let (hits, plan) = index.select(&table, &compiled);
            indexed.push(micros(start.elapsed()));

            let start = Instant::now();
            let Ok(compiled) = Compiled::new(filter, &table, &fronts) else {
                continue;
            };
            let brute: Vec<u32> = (0..table.entries.len() as u32)
                .filter(|i| compiled.matches(&table, &table.entries[*i as usize]))
                .collect();
            scanned.push(micros(start.elapsed()));

            assert_eq!(hits, brute, "index and scan differ for {filter:?}");
            shares.push(100.0 * hits.len() as f64 / EVENTS as f64);
            let slot = match plan {
                Plan::Places => 0,
                Plan::Dates => 1,
                Plan::Scan => 2,
            };
            by_plan[slot].push(indexed[indexed.len() - 1]);
        }
        let n = indexed.len();
        let mean_share = shares.iter().sum::<f64>() / n as f64;
        let (share_p50, share_p90, _) = summary(shares.clone());
        let share_p10 = {
            let mut s = shares;
            s.sort_by(f64::total_cmp);
            quantile(&s, 0.1)
        };
        let (i50, i90, i99) = summary(indexed.clone());
        let (s50, s90, s99) = summary(scanned.clone());
        let ratios: Vec<f64> = indexed.iter().zip(&scanned).map(|(i, s)| i / s).collect();
        let (ratio_p50, _, _) = summary(ratios);
        println!(
            "\n--dates {}: {n} bbox + date queries (box {}-{} km half-side, {}-{} days), selected {mean_share:.2}% on average (p10 {share_p10:.2}%, p50 {share_p50:.2}%, p90 {share_p90:.2}%), each equal to the scan's answer",
            mode.as_str(),
            BOX_HALF_KM.0,
            BOX_HALF_KM.1,
            RANGE_DAYS.0,
            RANGE_DAYS.1
        );
        println!(
            "  Compiled::new + Index::select  p50 {i50:8.0} us  p90 {i90:8.0} us  p99 {i99:8.0} us"
        );
        let plans: Vec<String> = ["places", "dates", "scan"]
            .iter()
            .zip(by_plan)
            .filter(|(_, v)| !v.is_empty())
            .map(|(name, v)| format!("{} {name} (p50 {:.0} us)", v.len(), summary(v).0))
            .collect();
        println!("  plans: {}", plans.join(", "));
        println!(
            "  brute-force scan (matches)     p50 {s50:8.0} us  p90 {s90:8.0} us  p99 {s99:8.0} us"
        );
        println!(
            "  index / scan: {:.3} at p50 (median per-query ratio {ratio_p50:.3}); target p50 < 1000 us: {}",
            i50 / s50,
            if i50 < 1000.0 { "met" } else { "NOT met" }
        );
    }
}
