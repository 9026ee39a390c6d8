CREATE OR REPLACE TRIGGER sluis_conv_facts_inserted AFTER INSERT ON journal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_conv_facts_inserted()
