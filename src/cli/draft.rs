//! `route-sim draft FILE... --id ID`: a caravan file drafted from articles.

use super::Failure;
use super::args::DraftArgs;
use super::sightings::{published, read_all};
use route_sim::extract::PlaceFinder;
use route_sim::extract::draft;
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs;

pub fn draft(args: &DraftArgs) -> Result<(), Failure> {
    let published = published(args.published.as_deref())?;
    let g = Gazetteer::bundled();
    let finder = PlaceFinder::new(&g);
    let articles = read_all(&finder, &args.files, published, args.max_file_mb)?;
    let d = draft::draft(&g, &args.id, &articles).map_err(Failure::Draft)?;
    for w in &d.warnings {
        eprintln!("warning: {w}");
    }
    match &args.out {
        Some(path) => {
            outputs::write_file(path, d.toml.as_bytes())?;
            eprintln!(
                "wrote {} (review it, then: route-sim --scenario {})",
                path.display(),
                path.display()
            );
        }
        None => print!("{}", d.toml),
    }
    Ok(())
}
