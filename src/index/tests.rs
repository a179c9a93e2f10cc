//! The index against the brute-force scan, over random events and random queries.

use super::*;
use crate::chart::fixtures::{event, fronts};
use crate::event::date::{DateInterval, TimePrecision};
use crate::event::ClaimStatus;
use crate::filter::{Bbox, DateRange, Near};
use chrono::{Duration, NaiveDate};
use geo::Point as GeoPoint;
use proptest::prelude::*;

const FRONTS: [&str; 4] = ["airport-road", "ain-zara", "South Tripoli", "unassigned"];
const ACTORS: [&str; 4] = [
    "LNA: Libyan National Army (Haftar)",
    "GNA: Government of National Accord",
    "Wagner Group",
    "Civilians (Libya)",
];
const SUBS: [(&str, &str); 4] = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Strategic developments", "Other"),
];

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + Duration::days(n)
}

prop_compose! {
    // Events clustered near Tripoli and spread over the world, some across the
    // antimeridian, with intervals from a day to a year.
    fn arb_event()(
        id in 0u32..1_000_000,
        (lon, lat) in prop_oneof![
            (13.0f64..13.5, 32.5f64..33.0),
            (-180.0f64..=180.0, -90.0f64..=90.0),
            (prop_oneof![170.0f64..=180.0, -180.0f64..-170.0], -20.0f64..-10.0),
        ],
        start in 0i64..700,
        span in prop_oneof![Just(0i64), 0i64..10, 0i64..400],
        recorded_at in 0i64..400,
        front in 0usize..4,
        actors in proptest::collection::vec(0usize..4, 1..3),
        sub in 0usize..4,
        fatalities in 0u32..50,
        claim in 0usize..3,
    ) -> Event {
        let mut e = event(&format!("LBY{id}"), "2019-01-01", FRONTS[front], lon, lat);
        e.date = DateInterval {
            start: day(start),
            end: day(start + span),
            precision: if span == 0 { TimePrecision::Day } else { TimePrecision::Days },
        };
        e.recorded = (span > 0).then(|| day(start + recorded_at.min(span)));
        e.actor1 = vec![ACTORS[actors[0]].to_string()];
        e.actor2 = actors[1..].iter().map(|a| ACTORS[*a].to_string()).collect();
        (e.event_type, e.sub_event_type) = SUBS[sub];
        e.fatalities.best = Some(fatalities);
        e.claim.status = ClaimStatus::ALL[claim];
        e
    }
}

prop_compose! {
    fn arb_filter()(
        bbox in proptest::option::of(prop_oneof![
            (12.9f64..13.3, 32.5f64..32.8, 0.01f64..0.5, 0.01f64..0.4)
                .prop_map(|(w, s, dw, ds)| Bbox::new(w, s, w + dw, s + ds)),
            (160.0f64..180.0, -30.0f64..-15.0, -180.0f64..-160.0, -15.0f64..0.0)
                .prop_map(|(w, s, e, n)| Bbox::new(w, s, e, n)),
        ]),
        near in proptest::option::of((13.0f64..13.5, 32.5f64..33.0, 0.5f64..40.0)),
        dates in proptest::option::of((
            proptest::option::of(0i64..700),
            proptest::option::of(0i64..120),
            prop_oneof![Just(DateMode::Overlap), Just(DateMode::Within), Just(DateMode::Recorded)],
        )),
        front in proptest::option::of(0usize..4),
        actor in proptest::option::of(prop_oneof![
            Just("lna"), Just("national"), Just("wagner group"), Just("libya")
        ]),
        sub in proptest::option::of(0usize..4),
        by_type in any::<bool>(),
        claims in proptest::collection::vec(0usize..3, 0..2),
    ) -> Filter {
        let mut f = Filter { bbox, ..Filter::default() };
        f.near = near.map(|(lon, lat, r)| Near {
            centre: GeoPoint::new(lon, lat),
            radius_km: r,
            label: "test".into(),
        });
        f.dates = dates.map(|(from, len, mode)| DateRange {
            from: from.map(day),
            to: len.map(|l| day(from.unwrap_or(300) + l)),
            mode,
        });
        f.fronts = front.map(|i| FRONTS[i].to_string()).into_iter().collect();
        f.actors = actor.map(str::to_string).into_iter().collect();
        if let Some(i) = sub {
            if by_type {
                f.event_types.push(SUBS[i].0);
            } else {
                f.sub_event_types.push(SUBS[i].1);
            }
        }
        f.claims = claims.into_iter().map(|c| ClaimStatus::ALL[c]).collect();
        f
    }
}

fn table_of(events: &[Event]) -> Table {
    // Two halves appended, as parallel readers build it.
    let (a, b) = events.split_at(events.len() / 2);
    let mut first = Table::default();
    for (i, e) in a.iter().enumerate() {
        first.push(e, 0, i as u64);
    }
    let mut second = Table::default();
    for (i, e) in b.iter().enumerate() {
        second.push(e, 0, (a.len() + i) as u64);
    }
    first.append(second);
    first
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_index_answers_as_the_brute_force_scan_does(
        events in proptest::collection::vec(arb_event(), 0..300),
        filters in proptest::collection::vec(arb_filter(), 1..8),
    ) {
        let fronts = fronts();
        let table = table_of(&events);
        let index = Index::build(&table);
        for filter in &filters {
            let compiled = Compiled::new(filter, &table, &fronts);
            let expected: Vec<u32> = events
                .iter()
                .enumerate()
                .filter(|(_, e)| matches_event(filter, &fronts, e))
                .map(|(i, _)| i as u32)
                .collect();
            match compiled {
                Ok(compiled) => {
                    let (got, _) = index.select(&table, &compiled);
                    prop_assert_eq!(got, expected, "{:?}", filter);
                }
                // A front neither the front areas nor the data name is an error, and then
                // the brute force finds nothing either.
                Err(_) => prop_assert!(expected.is_empty()),
            }
        }
    }
}

#[test]
fn a_place_asks_the_r_tree_dates_alone_the_interval_index() {
    let fronts = fronts();
    let events: Vec<Event> = (0..400)
        .map(|i| {
            let mut e = event(
                &format!("LBY{i}"),
                "2019-01-01",
                "ain-zara",
                13.0 + (i % 20) as f64 * 0.05,
                32.0 + (i / 20) as f64 * 0.05,
            );
            e.date = DateInterval::day(day(i as i64));
            e
        })
        .collect();
    let table = table_of(&events);
    let index = Index::build(&table);
    let run = |f: Filter| {
        let c = Compiled::new(&f, &table, &fronts).unwrap();
        index.select(&table, &c)
    };
    let one_day = Some(DateRange {
        from: Some(day(10)),
        to: Some(day(10)),
        mode: DateMode::Overlap,
    });
    let (hits, plan) = run(Filter {
        dates: one_day,
        bbox: Some(Bbox::new(12.0, 31.0, 15.0, 34.0)),
        ..Filter::default()
    });
    assert_eq!((hits, plan), (vec![10], Plan::Places));
    let (hits, plan) = run(Filter {
        dates: one_day,
        ..Filter::default()
    });
    assert_eq!((hits, plan), (vec![10], Plan::Dates));
    let (hits, plan) = run(Filter {
        bbox: Some(Bbox::new(13.04, 32.0, 13.06, 32.0)),
        ..Filter::default()
    });
    assert_eq!((hits, plan), (vec![1], Plan::Places));
    assert_eq!(run(Filter::default()).1, Plan::Scan);
}

#[test]
fn an_unknown_front_is_an_error_naming_the_fronts_there_are() {
    let fronts = fronts();
    let table = table_of(&[event("LBY1", "2019-04-04", "South Tripoli", 13.2, 32.8)]);
    let filter = Filter {
        fronts: vec!["Benghazi".into()],
        ..Filter::default()
    };
    let Err(Error::Flag(error)) = Compiled::new(&filter, &table, &fronts) else {
        panic!("expected an error");
    };
    let message = error.to_string();
    assert!(message.starts_with("--front \"Benghazi\""), "{message}");
    assert!(
        message.contains("ain-zara") && message.contains("South Tripoli"),
        "{message}"
    );
    // The name a foreign file writes is a front, matched folded.
    let filter = Filter {
        fronts: vec!["south tripoli".into()],
        ..Filter::default()
    };
    assert!(Compiled::new(&filter, &table, &fronts).is_ok());
}

#[test]
fn a_place_that_holds_most_of_the_table_is_scanned_with_the_same_answer() {
    // 40,000 events around Tripoli and a few in Misrata: a box over Tripoli holds most of
    // the table, so a scan answers it; a box over Misrata still asks the R-tree.
    let mut table = Table::default();
    let base = event("LBY0", "2019-04-04", "tripoli", 13.19, 32.89);
    for i in 0..40_000u32 {
        let mut e = base.clone();
        let (x, y) = (f64::from(i % 200) * 0.001, f64::from(i / 200) * 0.001);
        e.point = GeoPoint::new(13.1 + x, 32.8 + y);
        table.push(&e, 0, u64::from(i));
    }
    let mut misrata = base.clone();
    misrata.point = GeoPoint::new(15.09, 32.38);
    table.push(&misrata, 0, 40_000);
    let index = Index::build(&table);
    let fronts = fronts();
    let select = |filter: &Filter| {
        let c = Compiled::new(filter, &table, &fronts).unwrap();
        index.select(&table, &c)
    };
    let brute = |filter: &Filter| -> Vec<u32> {
        (0..table.entries.len() as u32)
            .filter(|i| {
                let e = &table.entries[*i as usize];
                filter.place_matches(e.lon, e.lat)
            })
            .collect()
    };
    let tripoli = Filter {
        bbox: Some(Bbox::new(13.0, 32.7, 13.35, 33.05)),
        ..Filter::default()
    };
    let (hits, plan) = select(&tripoli);
    assert_eq!(plan, Plan::Scan);
    assert_eq!(hits, brute(&tripoli));
    let near = Filter {
        near: Some(Near {
            centre: GeoPoint::new(13.2, 32.9),
            radius_km: 8.0,
            label: "Tripoli".into(),
        }),
        ..Filter::default()
    };
    let (hits, plan) = select(&near);
    assert_eq!(plan, Plan::Scan);
    assert_eq!(hits, brute(&near));
    let misrata_box = Filter {
        bbox: Some(Bbox::new(15.0, 32.3, 15.2, 32.5)),
        ..Filter::default()
    };
    assert_eq!(select(&misrata_box), (vec![40_000], Plan::Places));
}
