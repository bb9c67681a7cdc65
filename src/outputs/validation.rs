//! validation.csv: each sighting against the simulated caravan.

use super::RunContext;
use crate::validate::Validation;

pub fn validation_csv(ctx: &RunContext, v: &Validation) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "caravan",
        "date",
        "day",
        "place",
        "is_position",
        "reported_km",
        "off_route_km",
        "main_group",
        "main_km",
        "main_error_km",
        "nearest_group",
        "nearest_error_km",
        "reported_headcount",
        "headcount_kind",
        "simulated_headcount",
        "headcount_error",
        "source",
    ])
    .expect("write to memory");
    let f1 = |x: f64| format!("{x:.1}");
    for c in &v.checks {
        let s = &c.sighting;
        w.write_record([
            ctx.scenario.id().to_string(),
            s.date().to_string(),
            c.day.to_string(),
            s.place().name.clone(),
            s.is_position().to_string(),
            f1(c.reported_km),
            f1(c.off_route_km),
            c.main_group.clone(),
            f1(c.main_km),
            f1(c.main_error_km),
            c.nearest_group.clone(),
            f1(c.nearest_error_km),
            s.headcount().map_or(String::new(), |h| h.to_string()),
            s.headcount()
                .map_or(String::new(), |_| s.headcount_kind().name().to_string()),
            format!("{:.0}", c.simulated_headcount),
            c.headcount_error
                .map_or(String::new(), |e| format!("{e:.0}")),
            s.source().to_string(),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}
