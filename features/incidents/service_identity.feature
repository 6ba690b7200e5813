@incidents @INC-01 @fast
Feature: Service identity
  The auth service vouches for customers' sessions only to the backend it was configured to
  trust. When a backend presents another id (in the recorded incident, its id had gained a
  start-time suffix), nobody gets in, so its health must say why and name the id, instead of
  leaving operators to guess.

  Scenario: The backend's health says the auth service accepts its service id
    Then the backend's health says the auth service accepts its service id

  Scenario: A backend presenting the id the auth service trusts is healthy
    Given a platform instance whose backend presents the service id "netra-backend" to the auth service
    Then that instance's health says the auth service accepts its service id

  Scenario: A backend presenting its id with a start time added is refused, and its health names that id
    Given a platform instance whose backend presents the service id "netra-backend-1725612345" to the auth service
    And Alice is signed in
    Then that instance will not let Alice in, because it cannot check her session
    And that instance's health is unhealthy, naming "netra-backend-1725612345" as the service id the auth service refuses
