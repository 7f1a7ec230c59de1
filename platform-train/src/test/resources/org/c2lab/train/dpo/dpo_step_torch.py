"""The DPO step of DpoStepBenchmark in plain PyTorch eager, for comparison on the same machine.

Same shapes: a random Llama (RMSNorm, rotate_half RoPE, causal attention, SwiGLU, untied head),
4 pairs of 128-token sequences in one forward, response-only log-probs, sigmoid DPO against a cached
reference, backward, global-norm clipping, AdamW. Prints median step time, tokens/s, the fp32
matmul rate measured in the same process and the peak RSS.

Usage: /usr/bin/python3 dpo_step_torch.py 10m|100m [threads]
"""
import math
import resource
import sys
import time

import torch
import torch.nn.functional as F

SIZES = {"10m": (256, 6, 8, 688, 8192), "100m": (768, 8, 12, 2048, 32000)}
PAIRS, PROMPT, RESPONSE, WARMUP, MEASURED = 4, 32, 96, 2, 6


class Layer(torch.nn.Module):
    def __init__(self, h, heads, inter):
        super().__init__()
        self.heads = heads
        self.n1 = torch.nn.Parameter(torch.ones(h))
        self.n2 = torch.nn.Parameter(torch.ones(h))
        self.q, self.k, self.v, self.o = (torch.nn.Linear(h, h, bias=False) for _ in range(4))
        self.gate = torch.nn.Linear(h, inter, bias=False)
        self.up = torch.nn.Linear(h, inter, bias=False)
        self.down = torch.nn.Linear(inter, h, bias=False)

    def forward(self, x, cos, sin, mask):
        b, t, h = x.shape
        d = h // self.heads
        y = rms(x, self.n1)
        q, k, v = (p(y).view(b, t, self.heads, d).transpose(1, 2) for p in (self.q, self.k, self.v))
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(d)
        s = s.masked_fill(~mask, float("-inf"))
        a = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        x = x + self.o(a)
        y = rms(x, self.n2)
        return x + self.down(F.silu(self.gate(y)) * self.up(y))


def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w


def rope(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat((-x[..., half:], x[..., :half]), -1)
    return x * cos + rotated * sin


class Llama(torch.nn.Module):
    def __init__(self, h, layers, heads, inter, vocab):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, h)
        self.layers = torch.nn.ModuleList(Layer(h, heads, inter) for _ in range(layers))
        self.norm = torch.nn.Parameter(torch.ones(h))
        self.head = torch.nn.Linear(h, vocab, bias=False)
        d = h // heads
        inv = 1.0 / (10000 ** (torch.arange(0, d, 2).float() / d))
        f = torch.outer(torch.arange(PROMPT + RESPONSE).float(), inv)
        emb = torch.cat((f, f), -1)
        self.cos, self.sin = emb.cos(), emb.sin()

    def forward(self, ids):
        t = ids.shape[1]
        mask = torch.ones(t, t, dtype=torch.bool).tril()
        x = self.embed(ids)
        for layer in self.layers:
            x = layer(x, self.cos[:t], self.sin[:t], mask)
        return self.head(rms(x, self.norm))


def main():
    size = sys.argv[1] if len(sys.argv) > 1 else "10m"
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    h, layers, heads, inter, vocab = SIZES[size]

    n = 2048
    a, b = torch.rand(n, n), torch.rand(n, n)
    best = float("inf")
    for _ in range(6):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    gflops = 2 * n**3 / best / 1e9

    model = Llama(h, layers, heads, inter, vocab)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.0)
    seq = PROMPT + RESPONSE
    labels_mask = torch.zeros(2 * PAIRS, seq - 1, dtype=torch.bool)
    labels_mask[:, PROMPT - 1 :] = True
    ref = torch.full((PAIRS,), -500.0)
    times = []
    for _ in range(WARMUP + MEASURED):
        ids = torch.randint(3, vocab, (2 * PAIRS, seq))
        t0 = time.perf_counter()
        logits = model(ids)
        logp = logits[:, :-1].log_softmax(-1).gather(2, ids[:, 1:].unsqueeze(-1)).squeeze(-1)
        sums = torch.where(labels_mask, logp, torch.zeros(())).sum(1)
        h_ = (sums[:PAIRS] - ref) - (sums[PAIRS:] - ref)
        loss = F.softplus(-0.1 * h_).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad()
        times.append(time.perf_counter() - t0)
    measured = sorted(times[WARMUP:])
    median = measured[len(measured) // 2]
    params = sum(p.numel() for p in model.parameters())
    matmul_params = params - vocab * h
    tokens = 2 * PAIRS * seq
    flops = 6.0 * matmul_params * tokens
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"torch {torch.__version__} {size} full params {params / 1e6:.1f}M  step median {median:.3f} s"
        f" (min {measured[0]:.3f})  {tokens / median:.0f} tok/s  {flops / median / 1e9:.1f} GFLOP/s ="
        f" {100 * flops / median / 1e9 / gflops:.0f}% of matmul {gflops:.1f} GFLOP/s"
        f"  peak RSS {rss} MB  threads {torch.get_num_threads()}"
    )


if __name__ == "__main__":
    main()
