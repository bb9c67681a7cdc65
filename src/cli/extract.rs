//! `route-sim extract FILE...`: the gazetteer places each article names.

use super::Failure;
use super::args::{ExtractArgs, Format};
use route_sim::extract::{self, FoundPlace, TextEncoding};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs;
use serde_json::json;

pub fn extract(args: &ExtractArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    // Read every file before printing anything: a bad file fails the run with no partial output.
    let mut texts = Vec::new();
    for path in &args.files {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
        let (text, encoding) = extract::decode_text(&bytes)
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
        if encoding == TextEncoding::Windows1252 {
            eprintln!(
                "note: {} is not UTF-8; read it as Windows-1252 (Latin-1)",
                path.display()
            );
        }
        texts.push((path.display().to_string(), text.into_owned()));
    }
    let results: Vec<(String, Vec<FoundPlace>)> = texts
        .iter()
        .map(|(name, text)| (name.clone(), extract::extract(text, &gazetteer)))
        .collect();

    if let Some(path) = &args.geojson {
        outputs::write_file(path, &outputs::towns_geojson(&features(&results)))?;
    }
    print!("{}", render(&results, args.format));
    Ok(())
}

fn features<'a>(
    results: &'a [(String, Vec<FoundPlace<'a>>)],
) -> Vec<(&'a route_sim::gazetteer::Town, serde_json::Value)> {
    results
        .iter()
        .flat_map(|(file, places)| places.iter().map(move |p| (p.town, json!({"file": file, "mentions": p.mentions.len(), "lines": p.lines(), "spellings": p.spellings()}))))
        .collect()
}

fn lines_text(p: &FoundPlace) -> String {
    p.lines()
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn render(results: &[(String, Vec<FoundPlace>)], format: Format) -> String {
    match format {
        Format::Table => {
            let mut out = String::new();
            for (file, places) in results {
                out.push_str(&format!(
                    "{file}: {} place{}\n",
                    places.len(),
                    if places.len() == 1 { "" } else { "s" }
                ));
                out.push_str(&format!(
                    "  {:<28} {:<16} {:>8}  {:<32} {}\n",
                    "name", "country", "mentions", "as written", "lines"
                ));
                for p in places {
                    out.push_str(&format!(
                        "  {:<28} {:<16} {:>8}  {:<32} {}\n",
                        p.town.name,
                        p.town.country,
                        p.mentions.len(),
                        p.spellings().join(" | "),
                        lines_text(p)
                    ));
                }
            }
            out
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "file",
                "id",
                "name",
                "country",
                "lat",
                "lon",
                "mentions",
                "spellings",
                "lines",
            ])
            .expect("in memory");
            for (file, places) in results {
                for p in places {
                    let t = p.town;
                    w.write_record([
                        file.as_str(),
                        &t.id,
                        &t.name,
                        &t.country,
                        &format!("{:.5}", t.coord.lat_deg),
                        &format!("{:.5}", t.coord.lon_deg),
                        &p.mentions.len().to_string(),
                        &p.spellings().join("|"),
                        &lines_text(p),
                    ])
                    .expect("in memory");
                }
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
        }
        Format::Json => {
            let rows: Vec<_> = features(results)
                .into_iter()
                .map(|(t, mut extra)| {
                    extra["id"] = json!(t.id);
                    extra["name"] = json!(t.name);
                    extra["country"] = json!(t.country);
                    extra["lat"] = json!(t.coord.lat_deg);
                    extra["lon"] = json!(t.coord.lon_deg);
                    extra
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&rows).expect("json values")
            )
        }
        Format::Geojson => {
            String::from_utf8(outputs::towns_geojson(&features(results))).expect("json is UTF-8")
        }
    }
}
