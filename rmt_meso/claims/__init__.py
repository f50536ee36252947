"""Physics claims verified by ``rmt-meso verify`` (one module per claim)."""

from ._registry import (PRESETS, REGISTRY, Claim, ClaimOutcome, ClaimResult, Context,
                        WorldOutcome, claim, discover, run_claim)

__all__ = ["PRESETS", "REGISTRY", "Claim", "ClaimOutcome", "ClaimResult", "Context",
           "WorldOutcome", "claim", "discover", "run_claim"]
