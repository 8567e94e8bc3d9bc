"""Widgets, painting delegates and dialogs. Views talk to the models and emit signals
for the controller; they never touch the network or the cache's SQL."""
