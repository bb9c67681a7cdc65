//! `route-sim extract FILE...`: the gazetteer places each article names.

use super::args::{ExtractArgs, Format};
use super::{ArticleError, ArticleErrorKind, Failure};
use route_sim::extract::{FoundPlace, ParagraphReader, PlaceFinder, PlaceTally, ReadError};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs;
use serde_json::json;
use std::path::Path;

pub fn extract(args: &ExtractArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    let finder = PlaceFinder::new(&gazetteer);
    // Read every file before printing anything: a bad file fails the run with no partial
    // output, and every bad file is named.
    let mut results = Vec::new();
    let mut problems = Vec::new();
    for path in &args.files {
        match tally_file(&finder, path, args.max_file_mb) {
            Ok(places) => results.push((path.display().to_string(), places)),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Articles(problems));
    }
    if let Some(path) = &args.geojson {
        outputs::write_file(path, &outputs::towns_geojson(&features(&results)))?;
    }
    print!("{}", render(&results, args.format));
    Ok(())
}

/// Open an article for streaming, refusing what is not a readable file of text.
pub(super) fn open_article(path: &Path, max_file_mb: u64) -> Result<std::fs::File, ArticleError> {
    let fail = |kind| ArticleError {
        path: path.to_path_buf(),
        kind,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(ArticleErrorKind::Open(e)))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err(fail(ArticleErrorKind::Directory));
        }
        if meta.is_file() && meta.len() > max_file_mb * 1024 * 1024 {
            return Err(fail(ArticleErrorKind::TooLarge {
                size_mb: meta.len() / (1024 * 1024),
                limit_mb: max_file_mb,
            }));
        }
    }
    Ok(file)
}

/// A read error of the article at `path`.
pub(super) fn read_problem(path: &Path, e: ReadError) -> ArticleError {
    ArticleError {
        path: path.to_path_buf(),
        kind: ArticleErrorKind::Read(e),
    }
}

fn tally_file<'g>(
    finder: &PlaceFinder<'g>,
    path: &Path,
    max_file_mb: u64,
) -> Result<Vec<FoundPlace<'g>>, ArticleError> {
    let file = open_article(path, max_file_mb)?;
    let mut reader = ParagraphReader::new(file, max_file_mb.saturating_mul(1024 * 1024));
    let mut tally = PlaceTally::new(finder);
    while let Some((p, line)) = reader.next_paragraph().map_err(|e| read_problem(path, e))? {
        tally.add_paragraph(&p, line);
    }
    if reader.windows_1252 {
        eprintln!(
            "note: {} is not UTF-8; read it as Windows-1252 (Latin-1)",
            path.display()
        );
    }
    Ok(tally.finish())
}

fn features<'a>(
    results: &'a [(String, Vec<FoundPlace<'a>>)],
) -> Vec<(&'a route_sim::gazetteer::Town, serde_json::Value)> {
    results
        .iter()
        .flat_map(|(file, places)| places.iter().map(move |p| (p.town, json!({"file": file, "state": p.town.admin1, "mentions": p.count, "lines": p.lines(), "spellings": p.spellings(), "reason": p.reason.to_string()}))))
        .collect()
}

/// "Ciudad Hidalgo, Chiapas, MX"
fn place_name(p: &FoundPlace) -> String {
    let t = p.town;
    if t.admin1.is_empty() {
        format!("{}, {}", t.name, t.country_code)
    } else {
        format!("{}, {}, {}", t.name, t.admin1, t.country_code)
    }
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
                    "  {:<40} {:>8}  {:<24} {:<12} {}\n",
                    "place", "mentions", "as written", "lines", "why this one"
                ));
                for p in places {
                    out.push_str(&format!(
                        "  {:<40} {:>8}  {:<24} {:<12} {}\n",
                        place_name(p),
                        p.count,
                        p.spellings().join(" | "),
                        lines_text(p),
                        p.reason
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
                "state",
                "country",
                "lat",
                "lon",
                "mentions",
                "spellings",
                "lines",
                "reason",
            ])
            .expect("in memory");
            for (file, places) in results {
                for p in places {
                    let t = p.town;
                    w.write_record([
                        file.as_str(),
                        &t.id,
                        &t.name,
                        &t.admin1,
                        &t.country,
                        &format!("{:.5}", t.coord.lat_deg),
                        &format!("{:.5}", t.coord.lon_deg),
                        &p.count.to_string(),
                        &p.spellings().join("|"),
                        &lines_text(p),
                        &p.reason.to_string(),
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
