//! daily.csv: the positions as a long table, stable order, fixed precision.

use super::RunContext;
use super::rows::{PositionRows, round6};
use std::fmt::Write as _;
use std::io::Write;

/// Streams daily.csv to `w`, a row per daily record; numbers are formatted into one
/// reused buffer rather than a new string per field.
pub fn daily_csv<W: Write>(
    ctx: &RunContext,
    rows: &PositionRows,
    w: &mut W,
) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
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
    ])?;
    let mut num = String::new();
    let mut number = |out: &mut csv::Writer<&mut W>, args: std::fmt::Arguments| {
        num.clear();
        let _ = num.write_fmt(args);
        out.write_field(&num)
    };
    for r in rows.all() {
        out.write_field(ctx.scenario.id())?;
        out.write_field(&*r.group_name)?;
        number(&mut out, format_args!("{}", r.record.day))?;
        out.write_field(rows.date_text(r))?;
        out.write_field(rows.time_text(r))?;
        number(&mut out, format_args!("{:.6}", round6(r.at.lon_deg)))?;
        number(&mut out, format_args!("{:.6}", round6(r.at.lat_deg)))?;
        number(&mut out, format_args!("{:.1}", r.km_rounded()))?;
        number(&mut out, format_args!("{}", r.headcount_rounded()))?;
        out.write_field(r.record.status.name())?;
        out.write_field(&*r.near)?;
        out.write_field(&*r.country)?;
        out.write_record(None::<&[u8]>)?;
    }
    out.flush()
}
