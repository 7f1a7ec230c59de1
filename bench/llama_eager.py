#!/usr/bin/env python3
"""Plain PyTorch eager reference for the generation benchmark (bench/generation.sh).

Loads a Hugging Face Llama folder written by the benchmark (config.json + model.safetensors, F32)
with its own safetensors reader, and generates like the Java sampler does: B prompts of equal
length, prefill once, then one token per step with a preallocated KV cache; greedy argmax or
temperature + top-p sampling (the transformers recipe: sort, cumsum, mask, multinomial).
Prints one line per batch size: `python <batch> <tokens/s>`.

Usage: llama_eager.py MODEL_DIR --batches 1,8,32 --prompt-tokens 32 --new-tokens 128
       [--sampling] [--runs 3] [--threads 2]
"""
import argparse
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32", f"{name}: {t['dtype']} (the benchmark writes F32)"
        begin, end = t["data_offsets"]
        a = np.frombuffer(data[begin:end], dtype="<f4").reshape(t["shape"])
        out[name] = torch.from_numpy(a.copy())
    return out


class Llama:
    def __init__(self, folder):
        c = json.load(open(os.path.join(folder, "config.json")))
        self.c = c
        self.w = read_safetensors(os.path.join(folder, "model.safetensors"))
        self.layers = c["num_hidden_layers"]
        self.heads = c["num_attention_heads"]
        self.kv_heads = c.get("num_key_value_heads", self.heads)
        self.d = c["hidden_size"] // self.heads
        self.eps = c["rms_norm_eps"]
        inv = 1.0 / (c.get("rope_theta", 10000.0) ** (torch.arange(0, self.d, 2).float() / self.d))
        t = torch.arange(c["max_position_embeddings"]).float()
        freqs = torch.outer(t, inv)
        emb = torch.cat([freqs, freqs], dim=-1)
        self.cos, self.sin = emb.cos(), emb.sin()
        self.head = self.w.get("lm_head.weight", self.w["model.embed_tokens.weight"])

    def rms(self, x, w):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * w

    @staticmethod
    def rotate_half(x):
        h = x.shape[-1] // 2
        return torch.cat([-x[..., h:], x[..., :h]], dim=-1)

    def new_cache(self, batch, capacity):
        shape = (batch, self.kv_heads, capacity, self.d)
        return [(torch.zeros(shape), torch.zeros(shape)) for _ in range(self.layers)]

    def forward(self, ids, past, cache):
        """ids [B, T] after `past` cached positions; returns last-position logits [B, V]."""
        b, t = ids.shape
        x = F.embedding(ids, self.w["model.embed_tokens.weight"])
        cos, sin = self.cos[past : past + t], self.sin[past : past + t]
        mask = None
        if t > 1:
            mask = torch.full((t, past + t), float("-inf")).triu(past + 1)
        for l in range(self.layers):
            p = f"model.layers.{l}."
            h = self.rms(x, self.w[p + "input_layernorm.weight"])
            q = F.linear(h, self.w[p + "self_attn.q_proj.weight"]).view(b, t, self.heads, self.d).transpose(1, 2)
            k = F.linear(h, self.w[p + "self_attn.k_proj.weight"]).view(b, t, self.kv_heads, self.d).transpose(1, 2)
            v = F.linear(h, self.w[p + "self_attn.v_proj.weight"]).view(b, t, self.kv_heads, self.d).transpose(1, 2)
            q = q * cos + self.rotate_half(q) * sin
            k = k * cos + self.rotate_half(k) * sin
            ck, cv = cache[l]
            ck[:, :, past : past + t] = k
            cv[:, :, past : past + t] = v
            k, v = ck[:, :, : past + t], cv[:, :, : past + t]
            if self.kv_heads != self.heads:
                k = k.repeat_interleave(self.heads // self.kv_heads, dim=1)
                v = v.repeat_interleave(self.heads // self.kv_heads, dim=1)
            s = q @ k.transpose(2, 3) / math.sqrt(self.d)
            if mask is not None:
                s = s + mask
            a = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, self.heads * self.d)
            x = x + F.linear(a, self.w[p + "self_attn.o_proj.weight"])
            h = self.rms(x, self.w[p + "post_attention_layernorm.weight"])
            g = F.linear(h, self.w[p + "mlp.gate_proj.weight"])
            u = F.linear(h, self.w[p + "mlp.up_proj.weight"])
            x = x + F.linear(F.silu(g) * u, self.w[p + "mlp.down_proj.weight"])
        x = self.rms(x[:, -1], self.w["model.norm.weight"])
        return F.linear(x, self.head)


def pick(logits, sampling, generator):
    if not sampling:
        return logits.argmax(-1)
    probs = (logits / 0.8).softmax(-1)
    sorted_p, order = probs.sort(-1, descending=True)
    cum = sorted_p.cumsum(-1)
    sorted_p[(cum - sorted_p) >= 0.7] = 0  # keep the smallest prefix reaching 0.7
    choice = torch.multinomial(sorted_p, 1, generator=generator)
    return order.gather(-1, choice).squeeze(-1)


def generate(model, prompts, new_tokens, sampling, seed):
    b, p = prompts.shape
    cache = model.new_cache(b, p + new_tokens)
    generator = torch.Generator().manual_seed(seed)
    out = torch.empty(b, new_tokens, dtype=torch.long)
    logits = model.forward(prompts, 0, cache)
    for i in range(new_tokens):
        nxt = pick(logits, sampling, generator)
        out[:, i] = nxt
        if i + 1 < new_tokens:
            logits = model.forward(nxt.view(b, 1), p + i, cache)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--batches", default="1,8,32")
    ap.add_argument("--prompt-tokens", type=int, default=32)
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--sampling", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model = Llama(a.model)
    vocab = model.c["vocab_size"]
    with torch.inference_mode():
        for batch in [int(x) for x in a.batches.split(",")]:
            prompts = torch.randint(3, vocab, (batch, a.prompt_tokens), generator=torch.Generator().manual_seed(batch))
            generate(model, prompts, a.new_tokens, a.sampling, 0)  # warm-up
            rates = []
            for r in range(a.runs):
                t = time.perf_counter()
                generate(model, prompts, a.new_tokens, a.sampling, r)
                rates.append(batch * a.new_tokens / (time.perf_counter() - t))
            print(f"python {batch} {sorted(rates)[len(rates) // 2]:.1f}", flush=True)


if __name__ == "__main__":
    main()
