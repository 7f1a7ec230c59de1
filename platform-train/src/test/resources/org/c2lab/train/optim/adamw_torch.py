"""Writes adamw-torch.json: torch.optim.AdamW's trajectory on fixed gradients (AdamWTest reads it).

Run with Debian's python3-torch: /usr/bin/python3 adamw_torch.py > adamw-torch.json
"""
import json

import torch

torch.set_default_dtype(torch.float32)
init = {
    "w": [[0.5, -1.25, 2.0], [0.125, -0.75, 1.5]],
    "b": [0.25, -0.5, 1.0],
}
grads = [
    {"w": [[0.1, -0.2, 0.3], [-0.4, 0.5, -0.6]], "b": [1.0, -2.0, 0.5]},
    {"w": [[-0.3, 0.1, 0.0], [0.2, -0.1, 0.4]], "b": [0.0, 0.25, -1.5]},
    {"w": [[2.0, -1.0, 0.5], [0.0, 0.0, 0.0]], "b": [-0.5, 0.75, 3.0]},
    {"w": [[0.01, 0.02, -0.03], [1.0, -1.0, 2.0]], "b": [0.1, 0.1, 0.1]},
    {"w": [[-0.5, 0.5, -0.5], [0.5, -0.5, 0.5]], "b": [-1.0, 0.0, 1.0]},
]
lrs = [1e-3, 2e-3, 1.5e-3, 5e-4, 1e-2]
weight_decay = 0.1
params = {k: torch.tensor(v, requires_grad=True) for k, v in init.items()}
opt = torch.optim.AdamW(
    [
        {"params": [params["w"]], "weight_decay": weight_decay},
        {"params": [params["b"]], "weight_decay": 0.0},
    ],
    lr=lrs[0],
    betas=(0.9, 0.999),
    eps=1e-8,
)
for g, lr in zip(grads, lrs):
    for group in opt.param_groups:
        group["lr"] = lr
    for k, p in params.items():
        p.grad = torch.tensor(g[k])
    opt.step()
out = {
    "torch": torch.__version__,
    "betas": [0.9, 0.999],
    "eps": 1e-8,
    "weight_decay": weight_decay,
    "init": init,
    "grads": grads,
    "lrs": lrs,
    "final": {k: p.detach().tolist() for k, p in params.items()},
    "exp_avg": {k: opt.state[p]["exp_avg"].tolist() for k, p in params.items()},
    "exp_avg_sq": {k: opt.state[p]["exp_avg_sq"].tolist() for k, p in params.items()},
}
print(json.dumps(out))
