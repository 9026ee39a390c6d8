-- The side tables for the berichten journaled before 0150.
SELECT sluis_conv_facts_add(ARRAY(SELECT id FROM journal WHERE (decision_summary ->> 'nummer') IN ('301', '323', '325')))
