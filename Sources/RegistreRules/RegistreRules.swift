// Placeholder until the module's first types land.
enum RegistreRulesModule {}
