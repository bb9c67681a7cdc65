//! `route-sim list`: the bundled caravans.

use super::{Failure, args::ListArgs};
use route_sim::{gazetteer::Gazetteer, route::Route, scenario};

pub fn list(_args: &ListArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    println!(
        "{:<20} {:<11} {:<24} {:<24} {:>8} {:>9}  sightings",
        "id", "departs", "from", "to", "km", "headcount"
    );
    for id in scenario::bundled_ids() {
        let s = scenario::load_bundled(id, &gazetteer).expect("listed id exists")?;
        let route = Route::new(s.route_towns.clone(), s.road_factor)
            .map_err(|e| Failure::Input(format!("{}: {e}", s.source_name)))?;
        let sightings = match (s.sightings.first(), s.sightings.last()) {
            (Some(a), Some(b)) => format!("{} from {} to {}", s.sightings.len(), a.date, b.date),
            _ => "none".into(),
        };
        println!(
            "{:<20} {:<11} {:<24} {:<24} {:>8.0} {:>9}  {}",
            s.id,
            s.depart.to_string(),
            route.origin().name,
            route.destination().name,
            route.length_km(),
            s.total_headcount(),
            sightings
        );
        if !s.name.is_empty() {
            println!("  {}", s.name);
        }
    }
    Ok(())
}
