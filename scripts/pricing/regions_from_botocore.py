#!/usr/bin/env python3
"""Lists every region where Step Functions is offered, from the endpoint data of the AWS SDK
(botocore's data/endpoints.json, service key "states"), and adds each one that pricing/step-functions.json
neither prices nor lists to its "regionsWithoutPrices", with the reason. Existing entries are kept.

    python3 scripts/pricing/regions_from_botocore.py && scripts/embed-pricing.sh

Regions are only ever added without prices: a price must come from AWS (the pricing page or the
Price List via `sfncost pricing import`), never from here.
"""
import json, os
import botocore

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PRICES = os.path.join(REPO, "pricing", "step-functions.json")

endpoints = json.load(open(os.path.join(os.path.dirname(botocore.__file__), "data", "endpoints.json")))
data = json.load(open(PRICES))
priced = {r["region"] for r in data["regions"]}
listed = {r["region"] for r in data["regionsWithoutPrices"]}

for partition in endpoints["partitions"]:
    name = partition["partition"]
    described = partition["regions"]
    for region in partition["services"].get("states", {}).get("endpoints", {}):
        if region not in described or region in priced or region in listed:
            continue
        location = described[region].get("description", region)
        if name == "aws":
            reason = ("Step Functions is offered here (AWS SDK endpoint data, botocore %s) but no AWS price for it was found "
                      "in the pricing-page and price-list copies read; import it from the AWS Price List" % botocore.__version__)
            currency = "USD"
        elif name == "aws-eusc":
            reason = ("AWS European Sovereign Cloud (partition aws-eusc; botocore %s): it has its own price list, "
                      "and no price was found; import it from that price list" % botocore.__version__)
            currency = None
        else:
            reason = ("isolated partition %s (botocore %s): no public price list; import prices you have been given" % (name, botocore.__version__))
            currency = None
        entry = {"region": region, "location": location}
        if currency:
            entry["currency"] = currency
        entry["reason"] = reason
        data["regionsWithoutPrices"].append(entry)

data["regionsWithoutPrices"].sort(key=lambda r: r["region"])
with open(PRICES, "w") as f:
    json.dump(data, f, indent=2, ensure_ascii=False)
    f.write("\n")
