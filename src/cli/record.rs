//! `route-sim record`: every sighting of the bundled caravans, with its source.

use super::args::{RecordArgs, RecordFormat};
use super::{Bundled, Failure};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs::{record_csv, record_geojson, record_rows, record_table};
use route_sim::record::{Record, RecordError};
use route_sim::scenario::ProblemKind;

pub fn record(args: &RecordArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    let record = Record::bundled_only(&args.caravans, &gazetteer).map_err(bundled_failure)?;
    let rows = record_rows(&record).map_err(|e| Failure::Bundled(Bundled::Route(e)))?;
    let text = match args.format {
        RecordFormat::Table => {
            let mut t = record_table(&rows);
            t.push_str(&format!(
                "{} sightings of {} caravan{}\n",
                rows.len(),
                record.caravans.len(),
                if record.caravans.len() == 1 { "" } else { "s" }
            ));
            t.into_bytes()
        }
        RecordFormat::Csv => record_csv(&rows),
        RecordFormat::Geojson => record_geojson(&rows),
    };
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, &text)
        .and_then(|()| std::io::Write::flush(&mut out))
        .map_err(|source| Failure::Stdout {
            what: "the record",
            source,
        })
}

/// An unknown id is the user's (`--caravan`, exit 2); a bundled file that does not load is
/// a bug of the build, not of the user's input (exit 1).
pub(super) fn bundled_failure(e: RecordError) -> Failure {
    match e {
        RecordError::UnknownCaravan { .. } => {
            Failure::usage("--caravan", ProblemKind::UnknownName, e.to_string())
        }
        RecordError::Invalid(errors) => Failure::Bundled(Bundled::Caravans(errors)),
    }
}
