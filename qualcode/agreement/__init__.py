"""Agreement measures and reliability data, pure Python, usable without a project."""

from qualcode.agreement.bootstrap import BootstrapInterval, bootstrap_interval
from qualcode.agreement.character_mask import character_mask
from qualcode.agreement.kappa import (
    brennan_prediger,
    cohen_kappa,
    cohen_kappa_from_table,
    contingency_table,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
    scott_pi,
)
from qualcode.agreement.krippendorff_alpha import LEVELS, Level, krippendorff_alpha
from qualcode.agreement.presence import (
    PresenceAgreement,
    PresenceCounts,
    count_presence,
    presence_agreement,
)
from qualcode.agreement.reliability_data import ReliabilityData, ReliabilityInput, as_reliability_data
from qualcode.agreement.result import AgreementResult
from qualcode.agreement.unitizing import unitizing_alpha

__all__ = [
    "LEVELS",
    "AgreementResult",
    "BootstrapInterval",
    "Level",
    "PresenceAgreement",
    "PresenceCounts",
    "ReliabilityData",
    "ReliabilityInput",
    "as_reliability_data",
    "bootstrap_interval",
    "brennan_prediger",
    "character_mask",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "contingency_table",
    "count_presence",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "percent_agreement",
    "presence_agreement",
    "scott_pi",
    "unitizing_alpha",
]
