import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  ListTagsForResourceCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxCloud, type SandboxCloud } from "@/lib/sandbox/cloud";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/http-server";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const opened: SandboxCloud[] = [];
const servers: SandboxServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const cloud of opened.splice(0)) await cloud.close();
});

function openCloud(): SandboxCloud {
  const cloud = createSandboxCloud({ stateFile: null, profile: "instant", seed: 11 });
  opened.push(cloud);
  return cloud;
}

function logsClient(cloud: SandboxCloud, account = ACCOUNT, endpoint?: string): CloudWatchLogsClient {
  const transport = endpoint ? { endpoint } : { requestHandler: cloud.requestHandler() };
  return new CloudWatchLogsClient({ region: "us-east-1", credentials: cloud.credentialsFor(account), maxAttempts: 1, ...transport });
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
  }
  throw new Error("expected the call to fail");
}

describe("CloudWatch Logs over JSON 1.1 through the real SDK", () => {
  it("creates, lists (by prefix, in pages), keeps retention and tags, and deletes log groups", async () => {
    const logs = logsClient(openCloud());
    for (const name of ["/onramp/a", "/onramp/b", "/onramp/c", "/other/d"]) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { "onramp:connection": name } }));
    }
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/onramp/", limit: 2 }));
    expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(["/onramp/a", "/onramp/b"]);
    expect(first.nextToken).toBeDefined();
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/onramp/", limit: 2, nextToken: first.nextToken }));
    expect(second.logGroups?.map((group) => group.logGroupName)).toEqual(["/onramp/c"]);
    expect(second.nextToken).toBeUndefined();

    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/onramp/a", retentionInDays: 90 }));
    const [group] = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/onramp/a" }))).logGroups ?? [];
    expect(group).toMatchObject({ logGroupName: "/onramp/a", retentionInDays: 90, logGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:/onramp/a" });
    expect(group?.creationTime).toEqual(expect.any(Number));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: group?.logGroupArn }))).tags).toEqual({ "onramp:connection": "/onramp/a" });

    await logs.send(new DeleteLogGroupCommand({ logGroupName: "/onramp/a" }));
    const left = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/onramp/" }));
    expect(left.logGroups?.map((entry) => entry.logGroupName)).toEqual(["/onramp/b", "/onramp/c"]);
  });

  it("answers AWS's errors: an existing group, a missing one, a retention AWS does not offer, a bad name", async () => {
    const cloud = openCloud();
    const logs = logsClient(cloud);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/onramp/x" }));
    expect(await errorOf(logs.send(new CreateLogGroupCommand({ logGroupName: "/onramp/x" })))).toMatchObject({ name: "ResourceAlreadyExistsException" });
    expect(await errorOf(logs.send(new DeleteLogGroupCommand({ logGroupName: "/onramp/none" })))).toMatchObject({
      name: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
    expect(await errorOf(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/onramp/x", retentionInDays: 10 })))).toMatchObject({
      name: "InvalidParameterException",
    });
    expect(await errorOf(logs.send(new CreateLogGroupCommand({ logGroupName: "bad name!" })))).toMatchObject({ name: "InvalidParameterException" });
    expect(await errorOf(logs.send(new CreateLogStreamCommand({ logGroupName: "/onramp/none", logStreamName: "s" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/onramp/x", logStreamName: "s" }));
    expect(await errorOf(logs.send(new CreateLogStreamCommand({ logGroupName: "/onramp/x", logStreamName: "s" })))).toMatchObject({
      name: "ResourceAlreadyExistsException",
    });
    expect(await errorOf(logs.send(new FilterLogEventsCommand({ logGroupName: "/onramp/x", logStreamNames: ["missing"] })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
    expect(await errorOf(logs.send(new FilterLogEventsCommand({ logGroupName: "/onramp/x", filterPattern: "{ $.a = 1 }" })))).toMatchObject({
      name: "InvalidParameterException",
    });
    // Another account does not see the group.
    expect(await errorOf(logsClient(cloud, OTHER).send(new DeleteLogGroupCommand({ logGroupName: "/onramp/x" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("lists streams and filters their events by stream, time window and quoted term, in pages, oldest first", async () => {
    const cloud = openCloud();
    const logs = logsClient(cloud);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/onramp/events" }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/onramp/events", logStreamName: "one" }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/onramp/events", logStreamName: "two" }));
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/onramp/events" }));
    expect(streams.logStreams?.map((stream) => stream.logStreamName)).toEqual(["one", "two"]);

    const base = Date.now() - 60_000;
    const deliveries: Array<[string, number, string]> = [
      ["one", base, '{"status":"successful","name":"alpha"}'],
      ["two", base + 1000, '{"status":"failed","name":"beta"}'],
      ["one", base + 2000, '{"status":"failed","name":"gamma"}'],
      ["one", base + 3000, '{"status":"successful","name":"delta"}'],
    ];
    for (const [stream, timestamp, message] of deliveries) {
      const put = await logs.send(new PutLogEventsCommand({ logGroupName: "/onramp/events", logStreamName: stream, logEvents: [{ timestamp, message }] }));
      expect(put.rejectedLogEventsInfo).toBeUndefined();
    }
    const tooOld = await logs.send(
      new PutLogEventsCommand({ logGroupName: "/onramp/events", logStreamName: "one", logEvents: [{ timestamp: base - 15 * 24 * 3600 * 1000, message: "old" }] }),
    );
    expect(tooOld.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0 });

    const failedInOne = await logs.send(
      new FilterLogEventsCommand({ logGroupName: "/onramp/events", logStreamNames: ["one"], filterPattern: '"\\"status\\":\\"failed\\""' }),
    );
    expect(failedInOne.events?.map((event) => event.message)).toEqual(['{"status":"failed","name":"gamma"}']);

    const window = await logs.send(new FilterLogEventsCommand({ logGroupName: "/onramp/events", startTime: base + 1000, endTime: base + 2000 }));
    expect(window.events?.map((event) => [event.logStreamName, event.timestamp])).toEqual([
      ["two", base + 1000],
      ["one", base + 2000],
    ]);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: "/onramp/events", limit: 3, nextToken }));
      expect((page.events ?? []).length).toBeLessThanOrEqual(3);
      seen.push(...(page.events ?? []).map((event) => event.message ?? ""));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(deliveries.map(([, , message]) => message));

    const byLastEvent = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/onramp/events", orderBy: "LastEventTime", descending: true }));
    expect(byLastEvent.logStreams?.map((stream) => [stream.logStreamName, stream.lastEventTimestamp])).toEqual([
      ["one", base + 3000],
      ["two", base + 1000],
    ]);
  });

  it("serves the same API over HTTP", async () => {
    const cloud = openCloud();
    const server = await startSandboxServer(cloud, { port: 0 });
    servers.push(server);
    const logs = logsClient(cloud, ACCOUNT, server.url);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/onramp/http" }));
    const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/onramp/http" }));
    expect(found.logGroups?.map((group) => group.logGroupName)).toEqual(["/onramp/http"]);
    expect(await errorOf(logs.send(new CreateLogGroupCommand({ logGroupName: "/onramp/http" })))).toMatchObject({ name: "ResourceAlreadyExistsException" });
  });
});
