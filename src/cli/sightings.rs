//! `route-sim sightings FILE...`: dated sightings read from articles.

use super::Failure;
use super::args::{SightingsArgs, SightingsFormat};
use super::extract::{open_article, read_problem};
use chrono::NaiveDate;
use route_sim::extract::PlaceFinder;
use route_sim::extract::draft::{place_name, sighting_toml};
use route_sim::extract::sightings::{ArticleSightings, HeadcountKind, read_sightings};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs;
use route_sim::scenario::ProblemKind;
use serde_json::json;
use std::path::PathBuf;

/// `--published` as a date, or a usage error naming the flag.
pub(super) fn published(arg: Option<&str>) -> Result<Option<NaiveDate>, Failure> {
    arg.map(|s| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::usage(
                "--published",
                ProblemKind::BadDate,
                format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2018-10-25"),
            )
        })
    })
    .transpose()
}

/// Every file's sightings; every unreadable file is named in one error.
pub(super) fn read_all(
    finder: &PlaceFinder,
    files: &[PathBuf],
    published: Option<NaiveDate>,
    max_file_mb: u64,
) -> Result<Vec<ArticleSightings>, Failure> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let result = open_article(path, max_file_mb).and_then(|file| {
            read_sightings(
                finder,
                file,
                &path.display().to_string(),
                published,
                max_file_mb.saturating_mul(1024 * 1024),
            )
            .map_err(|e| read_problem(path, e))
        });
        match result {
            Ok(a) => {
                if a.windows_1252 {
                    eprintln!(
                        "note: {} is not UTF-8; read it as Windows-1252 (Latin-1)",
                        path.display()
                    );
                }
                if a.article_date.is_none() {
                    eprintln!(
                        "note: {}: no date found (no `date:` line or dated dateline); only full dates are resolved. Give --published YYYY-MM-DD.",
                        path.display()
                    );
                }
                out.push(a);
            }
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Failure::Articles(problems))
    }
}

pub fn sightings(args: &SightingsArgs) -> Result<(), Failure> {
    let published = published(args.published.as_deref())?;
    let g = Gazetteer::bundled();
    let finder = PlaceFinder::new(&g);
    let articles = read_all(&finder, &args.files, published, args.max_file_mb)?;
    let text = match args.format {
        SightingsFormat::Table => table(&g, &articles),
        SightingsFormat::Csv => csv(&g, &articles),
        SightingsFormat::Toml => {
            for a in &articles {
                let missing = route_sim::extract::draft::missing_source_fields(&a.source);
                if !missing.is_empty() && !a.sightings.is_empty() {
                    eprintln!(
                        "note: {} gives no {} line: its sources hold placeholders (example.invalid) to replace",
                        a.source.path,
                        missing.join("/")
                    );
                }
            }
            articles
                .iter()
                .flat_map(|a| {
                    a.sightings
                        .iter()
                        .map(|s| sighting_toml(&g, s, &a.source, ""))
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        SightingsFormat::Geojson => geojson(&g, &articles),
    };
    print!("{text}");
    Ok(())
}

fn table(g: &Gazetteer, articles: &[ArticleSightings]) -> String {
    let mut out = String::new();
    for a in articles {
        let date = a
            .article_date
            .as_ref()
            .map_or("no date".to_string(), |(d, b)| format!("dated {d} ({b})"));
        out.push_str(&format!(
            "{}: {} sighting{}, {date}\n",
            a.source.path,
            a.sightings.len(),
            if a.sightings.len() == 1 { "" } else { "s" }
        ));
        for s in &a.sightings {
            let t = &g.towns()[s.town];
            let count = match (s.headcount, s.headcount_kind) {
                (Some(n), Some(k)) => format!("{n} ({})", k.as_str()),
                _ => "-".into(),
            };
            out.push_str(&format!(
                "  {}  {:<10} {:<40} {:<16} line {:<4} {} — {}\n",
                s.date,
                s.kind.as_str(),
                format!("{}, {}, {}", t.name, t.admin1, t.country_code),
                count,
                s.line,
                s.note,
                s.reason
            ));
        }
        if a.undated > 0 {
            out.push_str(&format!(
                "  ({} more place{} without a day, skipped)\n",
                a.undated,
                if a.undated == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

fn csv(g: &Gazetteer, articles: &[ArticleSightings]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "file",
        "line",
        "date",
        "place",
        "kind",
        "headcount",
        "headcount_kind",
        "group",
        "state",
        "country",
        "country_code",
        "lat",
        "lon",
        "as_written",
        "place_reason",
        "date_note",
    ])
    .expect("in memory");
    for a in articles {
        for s in &a.sightings {
            let t = &g.towns()[s.town];
            w.write_record([
                a.source.path.as_str(),
                &s.line.to_string(),
                &s.date.to_string(),
                &t.name,
                s.kind.as_str(),
                &s.headcount.map(|n| n.to_string()).unwrap_or_default(),
                s.headcount_kind
                    .map(HeadcountKind::as_str)
                    .unwrap_or_default(),
                s.group.as_deref().unwrap_or_default(),
                &t.admin1,
                &t.country,
                &t.country_code,
                &format!("{:.6}", t.coord.lat_deg),
                &format!("{:.6}", t.coord.lon_deg),
                &s.written,
                &s.reason.to_string(),
                &s.note,
            ])
            .expect("in memory");
        }
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
}

fn geojson(g: &Gazetteer, articles: &[ArticleSightings]) -> String {
    let features: Vec<_> = articles
        .iter()
        .flat_map(|a| {
            a.sightings.iter().map(move |s| {
                let t = &g.towns()[s.town];
                (
                    t,
                    json!({
                        "file": a.source.path,
                        "line": s.line,
                        "date": s.date.to_string(),
                        "place": place_name(g, t),
                        "state": t.admin1,
                        "country": t.country,
                        "kind": s.kind.as_str(),
                        "headcount": s.headcount,
                        "headcount_kind": s.headcount_kind.map(HeadcountKind::as_str),
                        "group": s.group,
                        "note": s.note,
                    }),
                )
            })
        })
        .collect();
    String::from_utf8(outputs::towns_geojson(&features)).expect("json is UTF-8")
}
