// Wiring lands here.
