"""Time Flee 3.1's day loop on the comparison chain; prints agent-days per second.

The chain: 30 locations in a line, 29 links of 144 km, agents moving 48 km a day
(MaxMoveSpeed), every agent starting at the first location and leaving every day
(move chance 1), the last location a camp so the far end is where they head.
Usage: python benches/flee_compare.py --agents 100000 --days 60 --settings FILE.yml
"""

import argparse
import random
import sys
import time

from flee import flee
from flee.SimulationSettings import SimulationSettings

SETTINGS_YML = """\
log_levels:
  agent: 0
  link: 0
  camp: 0
  init: 0
spawn_rules:
  take_from_population: False
  insert_day0: False
move_rules:
  max_move_speed: 48.0
  max_walk_speed: 48.0
  max_crossing_speed: 48.0
  default_movechance: 1.0
  conflict_movechance: 1.0
  camp_movechance: 0.0
  awareness_level: 1
  start_on_foot: False
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=100000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--settings", required=True, help="where to write Flee's settings YAML")
    args = ap.parse_args()

    with open(args.settings, "w") as f:
        f.write(SETTINGS_YML)
    SimulationSettings.ReadFromYML(args.settings)
    random.seed(1)

    e = flee.Ecosystem()
    names = [f"town{i}" for i in range(30)]
    for i, name in enumerate(names):
        kind = "conflict_zone" if i == 0 else ("camp" if i == len(names) - 1 else "town")
        e.addLocation(name, x=float(i), y=0.0, location_type=kind, movechance=1.0)
    for a, b in zip(names, names[1:]):
        e.linkUp(a, b, distance=144.0)
    start = e.locations[0]
    for _ in range(args.agents):
        e.addAgent(location=start, attributes={})

    t0 = time.perf_counter()
    for _ in range(args.days):
        e.evolve()
    seconds = time.perf_counter() - t0

    agent_days = args.agents * args.days
    at_camp = e.locations[-1].numAgents
    print(f"flee agents {args.agents} days {args.days} seconds {seconds:.3f} "
          f"agent_days_per_second {agent_days / seconds:.4e} (at the far end: {at_camp})")


if __name__ == "__main__":
    sys.exit(main())
