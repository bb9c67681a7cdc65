//! daily.csv: the positions as a long table, stable order, fixed precision.

use super::RunContext;
use super::rows::{PositionRows, round6};

pub fn daily_csv(ctx: &RunContext, rows: &PositionRows) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "caravan",
        "group",
        "day",
        "date",
        "time",
        "lon",
        "lat",
        "km",
        "headcount",
        "status",
        "near",
        "country",
    ])
    .expect("write to memory");
    for r in rows.all() {
        w.write_record([
            ctx.scenario.id(),
            &r.group_name,
            &r.record.day.to_string(),
            &r.date.to_string(),
            &r.time(),
            &format!("{:.6}", round6(r.at.lon_deg)),
            &format!("{:.6}", round6(r.at.lat_deg)),
            &format!("{:.1}", r.km_rounded()),
            &r.headcount_rounded().to_string(),
            r.record.status.name(),
            &r.near,
            &r.country,
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}
