//! ensemble.csv: quantiles over an ensemble of runs, long format.
//!
//! `kind` is `arrival` (a waypoint passed), `destination` (the group's stop) or `km` (road km
//! on a day). For arrival rows p10/p50/p90 are days since departure, with their dates in
//! p10_date/p50_date/p90_date, over the `runs_reaching` runs that got there; for km rows
//! they are road km on `day`, over the runs where the group existed that day. The last four
//! columns say what varied between runs (the same on every row): the daily walking pace's
//! spread, and how far rests, waits and rides moved, how much rests and waits stretched and
//! how much ride speeds spread (see [`crate::ensemble::Variation`]).

use crate::ensemble::EnsembleSummary;

pub fn ensemble_csv(e: &EnsembleSummary) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "kind",
        "group",
        "waypoint",
        "waypoint_km",
        "day",
        "date",
        "p10",
        "p50",
        "p90",
        "p10_date",
        "p50_date",
        "p90_date",
        "runs_reaching",
        "runs",
        "pace_variation_frac",
        "event_shift_days",
        "duration_change_days",
        "ride_speed_spread_frac",
    ];
    w.write_record(header).expect("write to memory");
    let runs = e.runs.to_string();
    let v = &e.variation;
    let varies = [
        format!("{}", e.pace_variation_frac),
        v.event_shift_days.to_string(),
        v.duration_change_days.to_string(),
        format!("{:.3}", v.ride_speed_spread_frac),
    ];
    for a in &e.arrivals {
        let kind = if a.target.is_destination {
            "destination"
        } else {
            "arrival"
        };
        let (days, dates) = match a.day {
            Some(q) => {
                let d = [q.p10, q.p50, q.p90];
                (
                    d.map(|x| x.to_string()),
                    d.map(|x| e.date_of(x).to_string()),
                )
            }
            None => (Default::default(), Default::default()),
        };
        let [p10, p50, p90] = &days;
        let [d10, d50, d90] = &dates;
        w.write_record([
            kind,
            &e.group_names[a.group],
            &a.target.name,
            &format!("{:.1}", a.target.km),
            "",
            "",
            p10,
            p50,
            p90,
            d10,
            d50,
            d90,
            &a.runs_reaching.to_string(),
            &runs,
            &varies[0],
            &varies[1],
            &varies[2],
            &varies[3],
        ])
        .expect("write to memory");
    }
    for k in &e.km_by_day {
        w.write_record([
            "km",
            &e.group_names[k.group],
            "",
            "",
            &k.day.to_string(),
            &e.date_of(k.day).to_string(),
            &format!("{:.1}", k.km.p10),
            &format!("{:.1}", k.km.p50),
            &format!("{:.1}", k.km.p90),
            "",
            "",
            "",
            &k.runs_present.to_string(),
            &runs,
            &varies[0],
            &varies[1],
            &varies[2],
            &varies[3],
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}
