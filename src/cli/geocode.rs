//! `route-sim geocode NAME...`: names as people write them, resolved by the gazetteer.

use super::Failure;
use super::args::{Format, GeocodeArgs};
use route_sim::gazetteer::{Gazetteer, Town};
use route_sim::outputs;
use serde_json::json;

pub fn geocode(args: &GeocodeArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    let mut found: Vec<(&str, &Town)> = Vec::new();
    let mut errors = Vec::new();
    for name in &args.names {
        match gazetteer.lookup(name) {
            Ok(t) => found.push((name, t)),
            Err(e) => errors.push(e),
        }
    }
    // Every bad name is reported, and nothing is printed unless all resolve: a script
    // piping the output never gets a partial list.
    if !errors.is_empty() {
        return Err(Failure::Lookup(errors));
    }
    print!("{}", render(&found, args.format));
    Ok(())
}

fn render(found: &[(&str, &Town)], format: Format) -> String {
    match format {
        Format::Table => {
            let mut out = format!(
                "{:<24} {:<34} {:<32} {:>10} {:>11}  {}\n",
                "query", "name", "state, country", "lat", "lon", "id"
            );
            for (q, t) in found {
                out.push_str(&format!(
                    "{:<24} {:<34} {:<32} {:>10.5} {:>11.5}  {}\n",
                    q,
                    t.name,
                    format!("{}, {}", t.admin1, t.country),
                    t.coord.lat_deg,
                    t.coord.lon_deg,
                    t.id
                ));
            }
            out
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "query",
                "id",
                "name",
                "admin1",
                "country",
                "country_code",
                "lat",
                "lon",
                "kind",
            ])
            .expect("in memory");
            for (q, t) in found {
                w.write_record([
                    q,
                    &t.id.as_str(),
                    &t.name.as_str(),
                    &t.admin1.as_str(),
                    &t.country.as_str(),
                    &t.country_code.as_str(),
                    &format!("{:.5}", t.coord.lat_deg).as_str(),
                    &format!("{:.5}", t.coord.lon_deg).as_str(),
                    &t.kind.as_str(),
                ])
                .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
        }
        Format::Json => {
            let rows: Vec<_> = found
                .iter()
                .map(|(q, t)| json!({"query": q, "id": t.id, "name": t.name, "admin1": t.admin1, "country": t.country, "country_code": t.country_code, "lat": t.coord.lat_deg, "lon": t.coord.lon_deg, "kind": t.kind}))
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&rows).expect("json values")
            )
        }
        Format::Geojson => {
            let towns: Vec<_> = found
                .iter()
                .map(|(q, t)| (*t, json!({"query": q})))
                .collect();
            String::from_utf8(outputs::towns_geojson(&towns)).expect("json is UTF-8")
        }
    }
}
