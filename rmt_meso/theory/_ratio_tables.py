"""Large-n spacing-ratio tables measured by ``tools/tabulate_ratio_tables.py`` (seeded; regenerate there).

``BETA_TABLE``: beta-Hermite ensemble (Dumitriu-Edelman tridiagonal model), central half of
the levels, 1e6 ratios per beta (n = 1000 levels for beta < 0.5, 400 above): the mean of the
surmise statistic T(r~) = ln(r~ + r~^2) - 1.5 ln(1 + r~ + r~^2) and of r~, with standard errors
from the spread between spectra.  Finite-n check (n = 4000, beta = 0.05): <T> = -1.6704(16),
consistent with the n = 1000 value.  At beta = 1, 2, 4 the <r~> column agrees with Atas et al.
(2013), Table I (tested).

``MIXED_TABLE``: m independent equal-weight GOE (beta = 1) or GUE (beta = 2) sectors, each the
semicircle-unfolded central half of a 400-level tridiagonal spectrum with a random offset,
merged; 4e5 ratios per entry.
"""

BETA_TABLE = [  # beta, <T>, stderr, <r~>, stderr
    (0.02, -1.701414, 0.001183, 0.390586, 0.000316),
    (0.05, -1.668000, 0.001146, 0.398205, 0.000320),
    (0.1, -1.622736, 0.001109, 0.409397, 0.000325),
    (0.2, -1.550285, 0.001004, 0.429270, 0.000333),
    (0.3, -1.490388, 0.000914, 0.446278, 0.000324),
    (0.5, -1.400451, 0.000756, 0.476353, 0.000315),
    (0.7, -1.337813, 0.000678, 0.500331, 0.000318),
    (1.0, -1.269853, 0.000557, 0.530772, 0.000308),
    (1.3, -1.223262, 0.000491, 0.554849, 0.000307),
    (1.6, -1.186774, 0.000425, 0.576158, 0.000298),
    (2.0, -1.151043, 0.000354, 0.599856, 0.000284),
    (2.5, -1.120244, 0.000309, 0.623359, 0.000279),
    (3.0, -1.097296, 0.000263, 0.642889, 0.000268),
    (4.0, -1.066087, 0.000204, 0.674188, 0.000248),
    (5.0, -1.046039, 0.000169, 0.697989, 0.000237),
    (6.0, -1.032112, 0.000146, 0.716893, 0.000230),
    (8.0, -1.014012, 0.000111, 0.745222, 0.000210),
]

MIXED_TABLE = {  # (beta, m): (<r~>, stderr)
    (1, 1): (0.531701, 0.000482),
    (1, 2): (0.423467, 0.000543),
    (1, 3): (0.403056, 0.000525),
    (1, 4): (0.396810, 0.000508),
    (1, 5): (0.391999, 0.000499),
    (1, 6): (0.391152, 0.000509),
    (1, 7): (0.389736, 0.000523),
    (1, 8): (0.388948, 0.000474),
    (2, 1): (0.599696, 0.000471),
    (2, 2): (0.422500, 0.000558),
    (2, 3): (0.399343, 0.000547),
    (2, 4): (0.393344, 0.000514),
    (2, 5): (0.389351, 0.000509),
    (2, 6): (0.388235, 0.000527),
    (2, 7): (0.387512, 0.000485),
    (2, 8): (0.387195, 0.000491),
}
