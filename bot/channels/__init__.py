"""Channels: platform updates in, `Incoming` out; `Reply` in, platform messages out."""
