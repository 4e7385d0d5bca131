# One phase of the open-source Python `diplomacy` engine (PyPI) with random orders, for the
# comparison in docs/performance.md:  python3 -m venv /tmp/dip && /tmp/dip/bin/pip install diplomacy
# && /tmp/dip/bin/python scripts/bench-python-diplomacy.py
import random, time, statistics
from diplomacy import Game
random.seed(1)
times = []
for g in range(5):
    game = Game()
    for phase in range(30):
        if game.is_game_done: break
        possible = game.get_all_possible_orders()
        t0 = time.perf_counter()
        for power in game.powers:
            locs = game.get_orderable_locations(power)
            orders = [random.choice(possible[l]) for l in locs if possible[l]]
            game.set_orders(power, orders)
        game.process()
        times.append(time.perf_counter() - t0)
print(f"phases {len(times)}  median {statistics.median(times)*1000:.2f} ms  mean {statistics.mean(times)*1000:.2f} ms")
