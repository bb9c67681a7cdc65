//! `route-sim record`: every sighting of the bundled caravans, with its source.

use super::Failure;
use super::args::{RecordArgs, RecordFormat};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs::{record_csv, record_geojson, record_rows, record_table};
use route_sim::record::{Record, RecordError};

pub fn record(args: &RecordArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    let record = Record::bundled_only(&args.caravans, &gazetteer).map_err(|e| match e {
        RecordError::UnknownCaravan { .. } => Failure::Input(e.to_string()),
        // A bundled file that does not load is a bug of the build, not of the user's input.
        RecordError::Invalid(_) => Failure::Other(e.to_string()),
    })?;
    let rows = record_rows(&record).map_err(|e| Failure::Other(e.to_string()))?;
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
        .map_err(|e| Failure::Other(format!("cannot write the record: {e}")))
}
