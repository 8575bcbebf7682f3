"""The product makers, one module per category family; ``CATEGORIES`` is the order the catalog draws in."""

from __future__ import annotations

from ..draft import CategorySpec
from .apparel import make_jacket, make_sock, make_tshirt
from .bags import make_backpack
from .beauty import make_skincare
from .electronics import make_charger, make_headphones, make_phone_case
from .kitchen import make_kitchen
from .office import make_office
from .outdoor import make_camping
from .shoes import make_hiking_shoe, make_running_shoe
from .toys import make_toy

# The order is part of the seed: changing it redraws the whole catalog.
CATEGORIES: list[CategorySpec] = [
    # name, how many products, maker, brands
    CategorySpec("Shoes > Running", 36, make_running_shoe,
                 ("Stridewell", "Kestrelle", "Fleetwing", "Pacekeeper", "Trailmark")),
    CategorySpec("Shoes > Hiking", 30, make_hiking_shoe,
                 ("Ridgeback Outfitters", "Norrvik", "Tarn & Fell", "Alpenhorn", "Trailmark")),
    CategorySpec("Clothing > Jackets", 32, make_jacket,
                 ("Norrvik", "Greyfell", "Halden", "Kestrelle", "Tarn & Fell", "Marlow & Finch")),
    CategorySpec("Clothing > T-Shirts", 34, make_tshirt,
                 ("Loomwell", "Mossgrove", "Halden", "Marlow & Finch", "Stridewell", "Kestrelle")),
    CategorySpec("Accessories > Socks", 28, make_sock,
                 ("Stridewell", "Fleetwing", "Tarn & Fell", "Mossgrove", "Alpenhorn", "Loomwell")),
    CategorySpec("Bags > Backpacks", 30, make_backpack,
                 ("Packhound", "Transitware", "Ridgeback Outfitters", "Greyfell", "Marlow & Finch", "Pennant")),
    CategorySpec("Electronics > Headphones", 32, make_headphones,
                 ("Aurelo Audio", "Quillon", "Wavecrest", "Fenwick Sound", "Voltline")),
    CategorySpec("Electronics > Phone Cases", 30, make_phone_case,
                 ("Shellguard", "Casetta", "Wavecrest", "Voltline", "Marlow & Finch")),
    CategorySpec("Electronics > Chargers", 26, make_charger, ("Voltline", "Ampwell", "Quillon", "Ohmbridge")),
    CategorySpec("Home > Kitchen", 34, make_kitchen,
                 ("Copperleaf", "Hearthwell", "Saltmarsh Kitchen", "Driftwood Supply", "Cirrus Home")),
    CategorySpec("Home > Office", 30, make_office,
                 ("Deskcraft", "Pennant", "Glowmere", "Cirrus Home", "Transitware", "Quillon")),
    CategorySpec("Beauty > Skincare", 34, make_skincare,
                 ("Dewbloom", "Aloria Botanics", "Clearleaf", "Solenne", "Juniper & Vale")),
    CategorySpec("Toys > Building Sets", 30, make_toy, ("Brickwise", "Tinkerloft", "Blocksmith", "Little Foundry")),
    CategorySpec("Outdoor > Camping", 38, make_camping,
                 ("Emberlight", "Alpenhorn", "Ridgeback Outfitters", "Driftwood Supply", "Norrvik", "Glowmere")),
]  # fmt: skip
