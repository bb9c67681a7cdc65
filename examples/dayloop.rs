//! The day loop alone, timed: `cargo run --release --example dayloop -- --movers 100000 --days 60`.
//! Same work as benches/flee_compare.py gives Flee: 30 towns, 29 links of 144 km, 48 km a day.
//! Prints the median of `--repeat` timings as agent-days per second.

#[path = "../benches/movers.rs"]
mod movers;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| {
                v.parse().unwrap_or_else(|_| {
                    eprintln!("error: {name} takes a whole number, got `{v}`");
                    std::process::exit(2)
                })
            })
    };
    let (n_movers, days, repeat) = (
        arg("--movers", 100_000) as usize,
        arg("--days", 60) as u32,
        arg("--repeat", 5).max(1),
    );
    let plans = movers::chain_plans(n_movers, 29.0 * 144.0, days, 0.0);
    let mut secs = Vec::new();
    let mut check = 0.0;
    for _ in 0..repeat {
        let mut sink = movers::KmSum::default();
        let t = Instant::now();
        let mut simulated_days = 0;
        for plan in &plans {
            simulated_days = route_sim::simulate::simulate_with(plan, 1, &mut sink).days;
        }
        secs.push(t.elapsed().as_secs_f64());
        check = sink.total() / (n_movers as f64 * f64::from(simulated_days));
    }
    secs.sort_by(f64::total_cmp);
    let median = secs[secs.len() / 2];
    let agent_days = n_movers as f64 * f64::from(days);
    println!(
        "movers {n_movers} days {days} seconds {median:.6} agent_days_per_second {:.4e} (mean km {check:.1})",
        agent_days / median
    );
}
