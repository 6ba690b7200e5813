@incidents @INC-02
Feature: Front-end discovery
  The front end asks the platform where its API, chat and sign-in service are, and every
  customer's browser then calls those addresses. In the recorded incidents missing settings fell
  back to localhost, and every browser called its own machine. So the platform hands out the
  addresses customers reach, and outside development it will not start without them.

  @fast
  Scenario: The platform points the front end at the very services this specification reaches
    When the front end asks the platform where its services are
    Then it is pointed at the API, the chat and the sign-in service where this specification reaches them
    And each service it is pointed at answers as that service, and the chat there welcomes Alice

  @fast
  Scenario: The front end learns what the platform is
    Then the front end is told the platform's name and features, and the environment and version its health reports

  @slow
  Scenario Outline: In <environment>, the platform will not start without <setting>
    When the platform is started for <environment> without <setting>
    Then it refuses to start, naming <setting>

    Examples:
      | environment | setting         |
      | staging     | PUBLIC_API_URL  |
      | staging     | PUBLIC_WS_URL   |
      | staging     | PUBLIC_AUTH_URL |
      | staging     | FRONTEND_URL    |
      | production  | PUBLIC_API_URL  |
      | production  | PUBLIC_WS_URL   |
      | production  | PUBLIC_AUTH_URL |
      | production  | FRONTEND_URL    |

  @slow
  Scenario Outline: In <environment>, the platform will not start with <setting> pointing at <host>
    When the platform is started for <environment> with <setting> pointing at <host>
    Then it refuses to start, naming <setting>

    Examples:
      | environment | setting         | host      |
      | production  | PUBLIC_API_URL  | localhost |
      | staging     | PUBLIC_WS_URL   | localhost |
      | production  | PUBLIC_AUTH_URL | localhost |
      | staging     | FRONTEND_URL    | localhost |
      | staging     | PUBLIC_API_URL  | 127.0.0.1 |
      | production  | PUBLIC_WS_URL   | 127.0.0.1 |

  @fast
  Scenario Outline: In <environment>, a platform published at addresses of its own hands out exactly those
    Given a platform instance for <environment>, published at addresses of its own
    When the front end asks that instance where its services are
    Then it is pointed at the addresses that instance is published at

    Examples:
      | environment |
      | staging     |
      | production  |
