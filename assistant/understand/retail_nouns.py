"""Things people shop for in general retail, far beyond any one catalog.

Used for one honest answer: when a shopper's product noun is a well-known kind of product and the
loaded catalog has no product of that kind ("a road bike" in an outdoor-clothing shop), the
assistant says it does not carry it instead of offering the nearest words ("bike" ~ "biking
shorts"). A noun the catalog does carry is never affected: the catalog's own head nouns win.
"""

from __future__ import annotations

_NOUNS = """
accordion air-fryer airpods amplifier anklet antenna aquarium armchair armoire artwork axe
baby-monitor bagel barbell barbecue bassinet bat bathrobe bathtub battery bed bedframe bench
bicycle bike bikini binoculars blazer blinds blouse boat bookcase bookshelf bouquet bowtie bra
bracelet briefcase brooch bulb bunkbed cabinet cake calculator camcorder camera candle canoe
car carpet carseat cat-food cello chainsaw chandelier chess cigar cigarette clarinet coffin
cologne computer console cot couch crib cufflink curtain cushion dishwasher dog-food doll
dresser drill drone drum dryer dumbbell e-bike e-reader earring easel engine espresso-machine
fan faucet fertilizer fireplace fishing-rod flute football freezer fridge furniture futon
generator gift-card glasses goggles golf-club grill guitar gun hammock harmonica harp headboard
helmet hoverboard insulin jeans jewelry jewellery kayak keyboard-piano kimono kindle lamp
laptop lawnmower lingerie lipstick mascara mattress microwave monitor moped motorbike
motorcycle nail-polish necklace netbook nightstand notebook-computer oboe oven painting
paddleboard pajamas paint parrot pendant perfume pet-food phone piano pillow pistol playstation
plant pram printer projector puppy quad radiator razor recliner refrigerator revolver rifle ring
robot-vacuum rug saddle saxophone scanner scooter screwdriver sewing-machine shaver shotgun
sink skateboard ski skis sledge smartphone smartwatch snowboard sofa speaker stove stroller
suit surfboard sweater tablet telescope television toaster toilet toothbrush tractor trampoline
treadmill trombone trumpet tuxedo tv ukulele vacuum vase violin wardrobe washer
washing-machine watch wedding-dress wetsuit wheelchair wig wine xbox yacht
"""
RETAIL_NOUNS: frozenset[str] = frozenset(w.replace("-", " ") for w in _NOUNS.split())
