// Stands in for packages a Lambda bundle must not carry (Socket Mode, Express): Bolt's index
// requires every receiver at load time, but the Lambda only ever constructs AwsLambdaReceiver.
module.exports = {};
