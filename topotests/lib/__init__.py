"""The ospfd topotest library: topologies of FRR, BIRD and ospfd routers in namespaces.

    topo.py      Topology, Link, Lan: describe, build, tear down
    routers.py   FrrRouter, BirdRouter, OspfdRouter behind one interface
    helpers.py   bounded waits: JSON subsets, kernel routes, adjacencies, DR/BDR, LSDBs
    state.py     per-lab state files and the cleanup of labs whose owner died
    proc.py      identity checks before any signal
"""
