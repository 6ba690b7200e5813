@persistence @DATA-02 @fast
Feature: Configuration and health
  Both services say what they are and how their dependencies are doing, and the platform will
  not start outside test without the secrets it needs.

  Scenario: Both services report their environment, version and dependencies
    Then the auth service reports its environment, version and the state of "database and redis"
    And the backend service reports its environment, version and the state of "database, redis and auth"

  Scenario Outline: Outside test the platform will not start <misconfigured>
    When the platform is started for <environment> <misconfigured>
    Then it refuses to start, naming <setting>

    Examples:
      | environment | misconfigured                          | setting        |
      | staging     | without JWT_SECRET_KEY                 | JWT_SECRET_KEY |
      | production  | with a JWT_SECRET_KEY of 20 characters | JWT_SECRET_KEY |
      | staging     | without SERVICE_SECRET                 | SERVICE_SECRET |

  Scenario: Outside test a JWT_SECRET_KEY of 31 characters is too short
    When the platform is started for production with a JWT_SECRET_KEY of 31 characters
    Then it refuses to start, naming JWT_SECRET_KEY

  Scenario: Outside test a JWT_SECRET_KEY of 32 characters is enough
    When the platform is started for production with a JWT_SECRET_KEY of 32 characters
    Then it starts

  Scenario: Two instances starting at once on a new database both come up, and change its schema once
    Given a new, empty database
    When two instances of the platform start on it at the same moment
    Then both instances are healthy, and every schema change was applied exactly once
