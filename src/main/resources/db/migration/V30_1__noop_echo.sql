-- actions: the effect of the noop.echo demonstration action, one row per executed request, so that its
-- effect can be verified after a crash like any real action's.
CREATE TABLE noop_echo
(
  request_id UUID                     NOT NULL,
  message    VARCHAR(1000)            NOT NULL,
  echoed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id)
);
