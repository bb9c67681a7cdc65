//! calibration.csv: fitted parameters and per-sighting errors before, after and left out.

use crate::calibrate::Calibration;
use crate::scenario::Scenario;

/// calibration.csv: a row per fitted parameter (initial and fitted value), then a row per position sighting (error before, after and left out, km).
pub fn calibration_csv(scenario: &Scenario, c: &Calibration) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["kind", "name", "date", "initial", "fitted", "leave_one_out"])
        .expect("write to memory");
    for (p, v) in c.params.iter().zip(&c.fitted) {
        w.write_record([
            "parameter",
            &p.label,
            "",
            &format!("{:.1}", p.initial),
            &format!("{v:.1}"),
            "",
        ])
        .expect("write to memory");
    }
    for r in &c.rows {
        let s = &scenario.sightings()[r.sighting];
        w.write_record([
            "error_km",
            &s.place().name,
            &s.date().to_string(),
            &format!("{:.1}", r.initial_error_km),
            &format!("{:.1}", r.fitted_error_km),
            &format!("{:.1}", r.loo_error_km),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}
