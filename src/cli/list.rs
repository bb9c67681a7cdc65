//! `route-sim list`: the bundled caravans and the sightings each has in the record.

use super::{Bundled, Failure, args::ListArgs};
use route_sim::gazetteer::Gazetteer;
use route_sim::record::{Record, date_span};
use route_sim::route::Route;

pub fn list(_args: &ListArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    // A bundled file that does not load is a bug of the build, not of the user's input.
    let record = Record::bundled(&gazetteer).map_err(super::record::bundled_failure)?;
    println!(
        "{:<20} {:<11} {:<24} {:<24} {:>8} {:>9}  sightings",
        "id", "departs", "from", "to", "km", "headcount"
    );
    for s in &record.caravans {
        let route = Route::of_scenario(s)
            .map_err(|e| Failure::Bundled(Bundled::Caravans(vec![e.in_scenario(s)])))?;
        let sightings = match date_span(s) {
            Some((first, last)) => {
                let positions = s.sightings().iter().filter(|x| x.is_position()).count();
                format!(
                    "{} from {first} to {last} ({positions} position{})",
                    s.sightings().len(),
                    if positions == 1 { "" } else { "s" }
                )
            }
            None => "none".into(),
        };
        println!(
            "{:<20} {:<11} {:<24} {:<24} {:>8.0} {:>9}  {}",
            s.id(),
            s.depart().to_string(),
            route.origin().name,
            route.destination().name,
            route.length_km(),
            s.total_headcount(),
            sightings
        );
        if !s.name().is_empty() {
            println!("  {}", s.name());
        }
    }
    println!(
        "\n{} sightings of {} caravans: `route-sim record` lists them with their sources.",
        record.len(),
        record.caravans.len()
    );
    Ok(())
}
