CREATE OR REPLACE TRIGGER sluis_conv_facts_updated AFTER UPDATE ON journal
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_conv_facts_updated()
